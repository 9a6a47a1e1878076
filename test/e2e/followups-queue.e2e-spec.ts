import { createTestApp, type TestApp } from '../support/app';
import { at, FOLLOWUP, followupWorld, invalid, PERIOD, QUEUE } from '../support/followups';

describe('survey.followups and the report: the queue of unhappy answers and its figures', () => {
  let t: TestApp;
  const { key, manager, agentUser, rooms, seed, by: actor } = followupWorld();
  const { unhappy, meh } = rooms;

  beforeAll(async () => {
    t = await createTestApp({
      REPORTS_API_KEYS: key.digest,
      ROCKETCHAT_URL: 'https://chat.example.com/',
    });
    await seed(t);
  });
  afterAll(() => t.close());
  afterEach(() => t.db.collection('livechat_survey_followups').deleteMany({}));

  const post = (body: object) => t.http().post(FOLLOWUP).set(manager.headers).send(body);
  const queue = (query: object = {}) =>
    t
      .http()
      .get(QUEUE)
      .query({ ...PERIOD, ...query })
      .set(manager.headers);
  const by = () => actor;

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

  it('starts a newer answer of the room again at open, its old follow-up not carried over', async () => {
    await post({ rid: meh._id, status: 'resolved', note: 'Refunded' }).expect(200);
    const again = at('18:00:00');
    await t.rooms.updateOne(
      { _id: meh._id },
      { $set: { surveyFeedback: { satisfaction: '1' }, surveyFeedbackAt: again } },
    );
    try {
      const row = (await queue()).body.followups.find((r: { rid: string }) => r.rid === meh._id);
      expect(row).toMatchObject({ answeredAt: again.toISOString(), status: 'open', note: null });
      const res = await post({ rid: meh._id, status: 'contacted' }).expect(200);
      expect(res.body.followup).toMatchObject({
        previousStatus: 'open',
        note: null,
        satisfaction: '1',
        answeredAt: again.toISOString(),
        firstResolvedAt: null,
      });
    } finally {
      await t.rooms.updateOne(
        { _id: meh._id },
        { $set: { surveyFeedback: meh.surveyFeedback, surveyFeedbackAt: meh.surveyFeedbackAt } },
      );
    }
  });
});
