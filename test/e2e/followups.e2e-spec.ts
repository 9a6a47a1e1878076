import { createTestApp, type TestApp } from '../support/app';
import {
  FOLLOWUP,
  FOLLOWUPS_COLLECTION,
  followupWorld,
  invalid,
  PERIOD,
  QUEUE,
} from '../support/followups';
import { FORBIDDEN_BODY } from '../../src/reports/reports.openapi';
import { SCOPE_FORBIDDEN_BODY } from '../../src/followups/followups.openapi';

describe('survey.followup: marking an unhappy answer open, contacted, resolved', () => {
  let t: TestApp;
  const { key, manager, agentUser, rooms, seed, by: actor } = followupWorld();
  const { unhappy, meh, happy, unanswered } = rooms;

  beforeAll(async () => {
    t = await createTestApp({ REPORTS_API_KEYS: key.digest });
    await seed(t);
  });
  afterAll(() => t.close());
  afterEach(() => t.db.collection(FOLLOWUPS_COLLECTION).deleteMany({}));

  const post = (body: object, headers: Record<string, string> = manager.headers) =>
    t.http().post(FOLLOWUP).set(headers).send(body);
  const queue = (query: object = {}, headers: Record<string, string> = manager.headers) =>
    t
      .http()
      .get(QUEUE)
      .query({ ...PERIOD, ...query })
      .set(headers);
  const stored = () => t.db.collection(FOLLOWUPS_COLLECTION).find().toArray();
  const by = () => actor;

  it('marks a queued answer contacted: 200 with the follow-up, who and when stored', async () => {
    const res = await post({ rid: unhappy._id, status: 'contacted', note: 'Called back' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      followup: {
        rid: unhappy._id,
        status: 'contacted',
        previousStatus: 'open',
        note: 'Called back',
        satisfaction: '1',
        answeredAt: '2026-11-01T10:05:00.000Z',
        updatedBy: by(),
        updatedAt: expect.any(String),
        firstResolvedAt: null,
      },
      success: true,
    });
    const [doc] = await stored();
    expect(doc).toMatchObject({
      _id: unhappy._id,
      status: 'contacted',
      note: 'Called back',
      updatedBy: by(),
      updatedAt: new Date(res.body.followup.updatedAt),
      history: [{ status: 'contacted', by: by(), at: new Date(res.body.followup.updatedAt) }],
    });
  });

  it('keeps the note when omitted, clears it with "", and keeps the first resolved time', async () => {
    await post({ rid: unhappy._id, status: 'contacted', note: 'Called back' }).expect(200);
    const resolved = await post({ rid: unhappy._id, status: 'resolved' }).expect(200);
    expect(resolved.body.followup).toMatchObject({
      status: 'resolved',
      previousStatus: 'contacted',
      note: 'Called back',
      firstResolvedAt: resolved.body.followup.updatedAt,
    });
    const reopened = await post({ rid: unhappy._id, status: 'open', note: '' }).expect(200);
    expect(reopened.body.followup).toMatchObject({
      status: 'open',
      previousStatus: 'resolved',
      note: null,
      firstResolvedAt: resolved.body.followup.updatedAt,
    });
    const again = await post({ rid: unhappy._id, status: 'resolved' }).expect(200);
    expect(again.body.followup.firstResolvedAt).toBe(resolved.body.followup.updatedAt);
    expect((await stored())[0].history.map((c: { status: string }) => c.status)).toEqual([
      'contacted',
      'resolved',
      'open',
      'resolved',
    ]);
  });

  it('stores nothing for a request that changes nothing', async () => {
    const res = await post({ rid: meh._id, status: 'open' }).expect(200);
    expect(res.body.followup).toEqual({
      rid: meh._id,
      status: 'open',
      previousStatus: 'open',
      note: null,
      satisfaction: '2',
      answeredAt: '2026-11-01T11:05:00.000Z',
      updatedBy: null,
      updatedAt: null,
      firstResolvedAt: null,
    });
    expect(await stored()).toEqual([]);
  });

  it('answers the credentials: managers may write, keys and others may not; no credential 401', async () => {
    const body = { rid: unhappy._id, status: 'contacted' };
    const keyRes = await post(body, { 'X-Api-Key': key.key });
    expect([keyRes.status, keyRes.body]).toEqual([403, SCOPE_FORBIDDEN_BODY]);
    const agentRes = await post(body, agentUser.headers);
    expect([agentRes.status, agentRes.body]).toEqual([403, FORBIDDEN_BODY]);
    const none = await post(body, {});
    expect(none.status).toBe(401);
    expect(none.body).toMatchObject({ success: false, error: 'You must be logged in to do this.' });
    expect(await stored()).toEqual([]);
    // The queue is read with the reports' credentials: keys too.
    expect((await queue({}, { 'X-Api-Key': key.key })).status).toBe(200);
    expect((await queue({}, agentUser.headers)).status).toBe(403);
    expect((await queue({}, {})).status).toBe(401);
  });

  it('refuses bad bodies with invalid-params, storing nothing', async () => {
    const cases: [object, string][] = [
      [{ status: 'open' }, 'rid must be a non-empty string of at most 200 characters'],
      [{ rid: '', status: 'open' }, 'rid must be a non-empty string of at most 200 characters'],
      [{ rid: 5, status: 'open' }, 'rid must be a non-empty string of at most 200 characters'],
      [{ rid: unhappy._id }, 'status must be one of open, contacted, resolved'],
      [{ rid: unhappy._id, status: 'done' }, 'status must be one of open, contacted, resolved'],
      [
        { rid: unhappy._id, status: 'open', note: 'x'.repeat(2001) },
        'note must be a string of at most 2000 characters',
      ],
      [
        { rid: unhappy._id, status: 'open', note: 7 },
        'note must be a string of at most 2000 characters',
      ],
      [{ rid: unhappy._id, status: 'open', by: 'me' }, 'property by should not exist'],
    ];
    for (const [body, message] of cases) {
      const res = await post(body);
      expect([res.status, res.body]).toEqual([400, invalid(message)]);
    }
    const longest = await post({ rid: unhappy._id, status: 'contacted', note: 'x'.repeat(2000) });
    expect(longest.status).toBe(200);
    await t.db.collection(FOLLOWUPS_COLLECTION).deleteMany({});
    expect(await stored()).toEqual([]);
  });

  it('refuses rooms outside the queue: unknown 404, unanswered and happy answers 400', async () => {
    const unknown = await post({ rid: 'noSuchRoom', status: 'contacted' });
    expect([unknown.status, unknown.body]).toEqual([
      404,
      {
        success: false,
        error: 'Room not found [error-room-not-found]',
        errorType: 'error-room-not-found',
      },
    ]);
    const none = await post({ rid: unanswered._id, status: 'contacted' });
    expect([none.status, none.body]).toEqual([
      400,
      {
        success: false,
        error: 'The room has no survey answer [error-survey-not-answered]',
        errorType: 'error-survey-not-answered',
      },
    ]);
    const above = await post({ rid: happy._id, status: 'contacted' });
    expect([above.status, above.body]).toEqual([
      400,
      {
        success: false,
        error:
          "The answer's satisfaction is above the follow-up threshold (2) [error-not-in-followup-queue]",
        errorType: 'error-not-in-followup-queue',
      },
    ]);
    expect(await stored()).toEqual([]);
  });

  it('keeps the last of concurrent changes whole: one valid document, every change in order', async () => {
    const bodies = Array.from({ length: 12 }, (_, i) => ({
      rid: unhappy._id,
      status: (['open', 'contacted', 'resolved'] as const)[i % 3],
      note: `note ${i}`,
    }));
    const finished: { note: string; status: string; updatedAt: string }[] = [];
    await Promise.all(
      bodies.map(async (body) => {
        const res = await post(body);
        expect(res.status).toBe(200);
        finished.push(res.body.followup);
      }),
    );
    const docs = await stored();
    expect(docs).toHaveLength(1);
    const [doc] = docs;
    // The stored note and status are one and the same request's, the latest written.
    const winner = finished.find((followup) => followup.note === doc.note)!;
    expect(winner).toMatchObject({ status: doc.status, updatedAt: doc.updatedAt.toISOString() });
    const latest = Math.max(...finished.map((followup) => Date.parse(followup.updatedAt)));
    expect(doc.updatedAt.getTime()).toBe(latest);
    expect(doc.history).toHaveLength(12);
    expect(doc.history.at(-1)).toMatchObject({ status: doc.status, at: doc.updatedAt });
    const listed = await queue({ status: doc.status });
    const row = listed.body.followups.find((r: { rid: string }) => r.rid === unhappy._id);
    expect(row).toMatchObject({ note: doc.note, status: doc.status });
  });
});

describe('survey.followup and survey.followups at their limits (BODY_LIMIT, REPORTS_RATE_LIMIT_MAX)', () => {
  let t: TestApp;
  const { key, manager, rooms, seed } = followupWorld();

  beforeAll(async () => {
    t = await createTestApp({
      REPORTS_API_KEYS: key.digest,
      REPORTS_RATE_LIMIT_MAX: '2',
      BODY_LIMIT: '1kb',
    });
    await seed(t);
  });
  afterAll(() => t.close());

  it('answers 413 to a body over BODY_LIMIT, storing nothing, and 429 past the credential budget, on the read and on the write', async () => {
    const big = await t
      .http()
      .post(FOLLOWUP)
      .set(manager.headers)
      .send({ rid: 'x', status: 'open', note: 'n'.repeat(1500) });
    expect(big.status).toBe(413);
    expect(await t.db.collection(FOLLOWUPS_COLLECTION).countDocuments()).toBe(0);
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      statuses.push((await t.http().get(QUEUE).query(PERIOD).set('X-Api-Key', key.key)).status);
    }
    expect(statuses).toEqual([200, 200, 429]);
    // The manager's own budget, on the write: the third change is refused and stores nothing.
    const writes: number[] = [];
    for (const status of ['contacted', 'resolved', 'open']) {
      const res = await t
        .http()
        .post(FOLLOWUP)
        .set(manager.headers)
        .send({ rid: rooms.unhappy._id, status });
      writes.push(res.status);
    }
    expect(writes).toEqual([200, 200, 429]);
    expect(
      await t.db.collection(FOLLOWUPS_COLLECTION).findOne({}, { projection: { status: 1 } }),
    ).toMatchObject({ status: 'resolved' });
  });
});
