import { createTestApp, type TestApp } from '../support/app';
import { closedRocketChatRoom, rocketChatVisitor, type Doc } from '../support/factories';
import { apiKey, rocketChatUser } from '../support/managers';
import { FORBIDDEN_BODY } from '../../src/reports/reports.openapi';
import { SCOPE_FORBIDDEN_BODY } from '../../src/followups/followups.openapi';

const FOLLOWUP = '/api/v1/livechat/survey.followup';
const QUEUE = '/api/v1/livechat/survey.followups';
const PERIOD = { from: '2026-11-01T00:00:00Z', to: '2026-11-02T00:00:00Z' };
const invalid = (message: string) => ({
  success: false,
  error: `${message} [invalid-params]`,
  errorType: 'invalid-params',
});
const at = (time: string) => new Date(`2026-11-01T${time}Z`);

describe('follow-ups of unhappy answers: survey.followup, survey.followups, the report', () => {
  let t: TestApp;
  const key = apiKey();
  const manager = rocketChatUser(['user', 'livechat-manager'], { name: 'Manager One' });
  const agentUser = rocketChatUser(['user', 'livechat-agent'], { name: 'Agent Smith' });
  const visitor = rocketChatVisitor();
  let unhappy: Doc; // satisfaction 1, with a comment and a department
  let meh: Doc; // satisfaction 2, the threshold itself
  let happy: Doc; // satisfaction 5: never in the queue
  let unanswered: Doc;

  beforeAll(async () => {
    t = await createTestApp({
      REPORTS_API_KEYS: key.digest,
      ROCKETCHAT_URL: 'https://chat.example.com/',
    });
    const servedBy = { _id: agentUser.user._id, username: agentUser.user.username };
    unhappy = closedRocketChatRoom(visitor, {
      closedAt: at('10:00:00'),
      servedBy,
      departmentId: 'salesDeptId000001',
      surveyFeedback: { satisfaction: '1', additionalFeedback: 'nobody answered' },
      surveyFeedbackAt: at('10:05:00'),
    });
    meh = closedRocketChatRoom(visitor, {
      closedAt: at('11:00:00'),
      servedBy: undefined,
      departmentId: undefined,
      surveyFeedback: { satisfaction: '2' },
      surveyFeedbackAt: at('11:05:00'),
    });
    happy = closedRocketChatRoom(visitor, {
      closedAt: at('12:00:00'),
      surveyFeedback: { satisfaction: '5' },
      surveyFeedbackAt: at('12:05:00'),
    });
    unanswered = closedRocketChatRoom(visitor, { closedAt: at('13:00:00') });
    await t.rooms.insertMany([unhappy, meh, happy, unanswered]);
    await t.db.collection('users').insertMany([manager.user, agentUser.user] as never);
    await t.db
      .collection('rocketchat_livechat_department')
      .insertOne({ _id: 'salesDeptId000001', name: 'Sales' } as never);
  });
  afterAll(() => t.close());
  afterEach(() => t.db.collection('livechat_survey_followups').deleteMany({}));

  const post = (body: object, headers: Record<string, string> = manager.headers) =>
    t.http().post(FOLLOWUP).set(headers).send(body);
  const queue = (query: object = {}, headers: Record<string, string> = manager.headers) =>
    t
      .http()
      .get(QUEUE)
      .query({ ...PERIOD, ...query })
      .set(headers);
  const stored = () => t.db.collection('livechat_survey_followups').find().toArray();
  const by = () => ({ _id: manager.user._id, username: manager.user.username });

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
    await t.db.collection('livechat_survey_followups').deleteMany({});
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

  it('lists the queue newest first, with names, link and status; filters by status', async () => {
    const change = await post({ rid: unhappy._id, status: 'contacted', note: 'Called back' });
    const res = await queue();
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      followups: [
        {
          rid: meh._id,
          satisfaction: '2',
          comment: null,
          answeredAt: '2026-11-01T11:05:00.000Z',
          agent: null,
          departmentId: null,
          department: null,
          link: `https://chat.example.com/live/${meh._id}`,
          status: 'open',
          note: null,
          updatedBy: null,
          updatedAt: null,
          firstResolvedAt: null,
        },
        {
          rid: unhappy._id,
          satisfaction: '1',
          comment: 'nobody answered',
          answeredAt: '2026-11-01T10:05:00.000Z',
          agent: {
            _id: agentUser.user._id,
            username: agentUser.user.username,
            name: 'Agent Smith',
          },
          departmentId: 'salesDeptId000001',
          department: { _id: 'salesDeptId000001', name: 'Sales' },
          link: `https://chat.example.com/live/${unhappy._id}`,
          status: 'contacted',
          note: 'Called back',
          updatedBy: by(),
          updatedAt: change.body.followup.updatedAt,
          firstResolvedAt: null,
        },
      ],
      count: 2,
      offset: 0,
      total: 2,
      success: true,
    });
    const contacted = await queue({ status: 'contacted' });
    expect(contacted.body.followups.map((row: { rid: string }) => row.rid)).toEqual([unhappy._id]);
    const open = await queue({ status: 'open', count: 1, offset: 0 });
    expect([open.body.total, open.body.count]).toEqual([1, 1]);
    const page = await queue({ count: 1, offset: 1 });
    expect(page.body).toMatchObject({ count: 1, offset: 1, total: 2 });
    expect(page.body.followups[0].rid).toBe(unhappy._id);
    const byAgent = await queue({ agentId: agentUser.user._id });
    expect(byAgent.body.total).toBe(1);
  });

  it('refuses bad queue parameters with invalid-params', async () => {
    const cases: [object, string][] = [
      [{ status: 'closed' }, 'status must be one of open, contacted, resolved'],
      [{ count: 100, offset: 901 }, 'offset + count must be at most 1000'],
      [{ count: 0 }, 'count must be an integer from 1 to 100'],
      [{ from: 'yesterday' }, 'from must be an ISO 8601 date or date-time'],
      [{ from: PERIOD.to, to: PERIOD.from }, 'from must be before to'],
      [{ tz: 'Mars/Olympus' }, 'tz must be an IANA time zone'],
    ];
    for (const [query, message] of cases) {
      const res = await queue(query);
      expect([res.status, res.body]).toEqual([400, invalid(message)]);
    }
  });

  it("moves the report's follow-up counts and median as answers are contacted then resolved", async () => {
    const report = async () =>
      (await t.http().get('/api/v1/livechat/survey.report').query(PERIOD).set(manager.headers)).body
        .summary.followups;
    expect(await report()).toEqual({ open: 2, contacted: 0, resolved: 0, medianResolveMs: null });
    await post({ rid: unhappy._id, status: 'contacted' }).expect(200);
    expect(await report()).toEqual({ open: 1, contacted: 1, resolved: 0, medianResolveMs: null });
    const resolved = await post({ rid: unhappy._id, status: 'resolved' }).expect(200);
    const took = Date.parse(resolved.body.followup.firstResolvedAt) - at('10:05:00').getTime();
    expect(await report()).toEqual({ open: 1, contacted: 0, resolved: 1, medianResolveMs: took });
    const filtered = await t
      .http()
      .get('/api/v1/livechat/survey.report')
      .query({ ...PERIOD, departmentId: 'salesDeptId000001' })
      .set(manager.headers);
    expect(filtered.body.summary.followups).toEqual({
      open: 0, // the other open answer is of no department
      contacted: 0,
      resolved: 1,
      medianResolveMs: took,
    });
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
