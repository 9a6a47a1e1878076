import { createTestApp, type TestApp } from '../support/app';
import { rocketChatRoom, rocketChatVisitor } from '../support/factories';

/** Payload i: a complete, recognisable submission (never a mix of two). */
const payload = (i: number) => [
  { name: 'satisfaction', value: String((i % 5) + 1) },
  { name: 'agentKnowledge', value: String(((i + 2) % 5) + 1) },
  { name: 'additionalFeedback', value: `submission ${i}` },
];
const storedPayload = (i: number) => ({
  satisfaction: String((i % 5) + 1),
  agentKnowledge: String(((i + 2) % 5) + 1),
  additionalFeedback: `submission ${i}`,
});

describe('concurrent submissions (FerretDB: writes to one room are serialized in the process)', () => {
  let t: TestApp;
  const visitor = rocketChatVisitor();

  beforeAll(async () => {
    // Bursts of 50 on a shared test machine: what is judged here is the serialization, not the
    // latency, so no request may give up at the 3 s operation bound and answer 503.
    t = await createTestApp({ DB_OPERATION_TIMEOUT_MS: '60000' });
    await t.visitors.insertOne(visitor);
  });
  afterAll(() => t.close());

  const survey = (rid: string, i: number) =>
    t
      .http()
      .post('/api/v1/livechat/room.survey')
      .send({ rid, token: visitor.token, data: payload(i) });

  // Each survey replaces the answers whole, so surveys racing surveys always leave one complete
  // payload, serialized or not. What the serialization keeps is a write to other fields of the
  // same document: FerretDB writes each update back as a whole document, so a survey that read
  // the room before the close wrote would reopen it (or the close would drop the answers).
  it('96 concurrent submissions racing a close of their room, in 4 rooms: all 200, each room keeps one complete payload and the close', async () => {
    const rooms = Array.from({ length: 4 }, () => rocketChatRoom(visitor));
    await t.rooms.insertMany(rooms);
    const close = (rid: string) =>
      t.http().post('/api/v1/livechat/room.close').send({ rid, token: visitor.token });
    // In each room the close goes out amid its surveys: 12 before it, 12 after.
    const requests = rooms.flatMap((room, r) => {
      const surveys = Array.from({ length: 24 }, (_, k) => survey(room._id, r * 25 + k));
      return [...surveys.slice(0, 12), close(room._id), ...surveys.slice(12)];
    });
    const responses = await Promise.all(requests);
    const closes = rooms.map((_, r) => responses[r * 25 + 12]);
    const surveys = responses.filter((res) => !closes.includes(res));
    expect(closes.map((res) => res.text)).toEqual(
      rooms.map((room) => `{"rid":"${room._id}","comment":"Closed by visitor","success":true}`),
    );
    expect(surveys.map((res) => res.status)).toEqual(Array(96).fill(200));
    for (const room of rooms) {
      const stored = (await t.rooms.findOne({ _id: room._id }))!;
      const feedback = stored.surveyFeedback as Record<string, string>;
      const i = Number(feedback.additionalFeedback.replace('submission ', ''));
      expect(feedback).toEqual(storedPayload(i));
      expect(stored).toMatchObject({ fname: room.fname, servedBy: room.servedBy });
      expect(stored).not.toHaveProperty('open');
      expect(stored).toMatchObject({ closer: 'visitor', closedAt: expect.any(Date) });
    }
  });

  it('1,000 submissions spread over 100 rooms: all 200, each room one complete payload of its own', async () => {
    const rooms = Array.from({ length: 100 }, () => rocketChatRoom(visitor));
    await t.rooms.insertMany(rooms);
    const responses: Array<{ status: number }> = [];
    // 50 in flight at a time: enough to race, without exhausting the test machine's sockets.
    for (let batch = 0; batch < 20; batch++) {
      responses.push(
        ...(await Promise.all(
          Array.from({ length: 50 }, (_, k) => {
            const i = batch * 50 + k;
            return survey(rooms[i % 100]._id, i);
          }),
        )),
      );
    }
    expect(responses.filter((r) => r.status !== 200)).toEqual([]);
    const docs = await t.rooms.find({ _id: { $in: rooms.map((room) => room._id) } }).toArray();
    for (const doc of docs) {
      const feedback = doc.surveyFeedback as Record<string, string>;
      const i = Number(feedback.additionalFeedback.replace('submission ', ''));
      expect(rooms[i % 100]._id).toBe(doc._id);
      expect(feedback).toEqual(storedPayload(i));
    }
    expect(docs).toHaveLength(100);
  }, 180_000);
});
