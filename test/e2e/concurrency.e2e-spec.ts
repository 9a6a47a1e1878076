import { createTestApp, type TestApp } from '../support/app';
import { rocketChatRoom, rocketChatVisitor } from '../support/factories';

/** Payload i: a complete, recognisable submission (never a mix of two). */
const payload = (i: number) => [
  { name: 'satisfaction', value: String((i % 5) + 1) },
  { name: 'agentKnowledge', value: String(((i + 2) % 5) + 1) },
  { name: 'additionalFeedback', value: `submission ${i}` },
];
const stored = (i: number) => ({
  satisfaction: String((i % 5) + 1),
  agentKnowledge: String(((i + 2) % 5) + 1),
  additionalFeedback: `submission ${i}`,
});

describe('concurrent submissions (FerretDB: writes to one room are serialized in the process)', () => {
  let t: TestApp;
  const visitor = rocketChatVisitor();

  beforeAll(async () => {
    t = await createTestApp();
    await t.visitors.insertOne(visitor);
  });
  afterAll(() => t.close());

  const survey = (rid: string, i: number) =>
    t
      .http()
      .post('/api/v1/livechat/room.survey')
      .send({ rid, token: visitor.token, data: payload(i) });

  it('100 concurrent submissions to one room: all 200, the room holds exactly one complete payload', async () => {
    const room = rocketChatRoom(visitor);
    await t.rooms.insertOne(room);
    const responses = await Promise.all(Array.from({ length: 100 }, (_, i) => survey(room._id, i)));
    expect(responses.map((r) => r.status)).toEqual(Array(100).fill(200));
    const feedback = (await t.rooms.findOne({ _id: room._id }))!.surveyFeedback as Record<
      string,
      string
    >;
    const i = Number(feedback.additionalFeedback.replace('submission ', ''));
    expect(feedback).toEqual(stored(i));
    expect(await t.rooms.findOne({ _id: room._id })).toMatchObject({
      fname: room.fname,
      servedBy: room.servedBy,
    });
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
      expect(feedback).toEqual(stored(i));
    }
    expect(docs).toHaveLength(100);
  }, 180_000);
});
