import { createTestApp, type TestApp } from '../support/app';
import { closedRocketChatRoom, rocketChatVisitor, type Doc } from '../support/factories';
import { apiKey } from '../support/managers';

const invalid = (message: string) => ({
  success: false,
  error: `${message} [invalid-params]`,
  errorType: 'invalid-params',
});
const PERIOD = { from: '2026-11-01T00:00:00Z', to: '2026-11-02T00:00:00Z' };
const DEPTH = 'offset + count must be at most 1000: survey.export.csv gives every row';

describe('survey reports: answers, filters and bad parameters', () => {
  let t: TestApp;
  const key = apiKey();
  const visitor = rocketChatVisitor();
  let rooms: Doc[];

  beforeAll(async () => {
    t = await createTestApp({ REPORTS_API_KEYS: key.digest, REPORTS_MAX_RANGE_DAYS: '31' });
    const at = (time: string) => new Date(`2026-11-01T${time}Z`);
    rooms = [
      closedRocketChatRoom(visitor, {
        closedAt: at('10:00:00'),
        surveyFeedback: { satisfaction: '5', additionalFeedback: '=HYPERLINK("http://x")' },
        surveyFeedbackAt: at('10:05:00'),
      }),
      closedRocketChatRoom(visitor, {
        closedAt: at('11:00:00'),
        surveyFeedback: { satisfaction: '2', agentKnowledge: '3' },
        surveyFeedbackAt: at('11:05:00'),
        departmentId: 'deptSupport000002',
        // Given on a survey link's page.
        surveyFeedbackSource: 'link',
      }),
      // Rocket.Chat's own: no surveyFeedbackAt, counts at closedAt; a comment only.
      closedRocketChatRoom(visitor, {
        closedAt: at('12:00:00'),
        surveyFeedback: { additionalFeedback: 'Nice, "really"' },
        servedBy: undefined,
      }),
      // Closed without answers.
      closedRocketChatRoom(visitor, { closedAt: at('13:00:00') }),
    ];
    await t.rooms.insertMany(rooms);
    // Survey links as the hosted page leaves them: three made in the period, one before it.
    const link = (rid: string, createdAt: Date, fields: Record<string, Date> = {}) => ({
      _id: `link${createdAt.getTime()}`,
      rid,
      visitorId: visitor._id,
      createdAt,
      expiresAt: new Date(createdAt.getTime() + 14 * 86_400_000),
      ...fields,
    });
    await t.db.collection('livechat_survey_links').insertMany([
      link(rooms[1]._id, at('11:01:00'), {
        openedAt: at('11:02:00'),
        answeredAt: at('11:05:00'),
      }),
      link(rooms[0]._id, at('10:01:00'), { openedAt: at('10:02:00') }),
      link(rooms[2]._id, at('12:01:00')),
      link(rooms[0]._id, new Date('2026-10-31T23:00:00Z'), { answeredAt: at('01:00:00') }),
    ] as never[]);
    await t.db
      .collection('rocketchat_livechat_department')
      .insertOne({ _id: 'salesDeptId000001', name: 'Sales' } as never);
  });
  afterAll(() => t.close());

  const get = (route: string, query: Record<string, unknown>) =>
    t.http().get(`/api/v1/livechat/${route}`).query(query).set('X-Api-Key', key.key);

  it('summarises the period: responses, closed rooms, rate, CSAT with its interval, items', async () => {
    const res = await get('survey.report', { ...PERIOD, groupBy: 'department' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json');
    const { summary, groups, period } = res.body;
    expect(period).toEqual({
      from: '2026-11-01T00:00:00.000Z',
      to: '2026-11-02T00:00:00.000Z',
      tz: 'UTC',
    });
    expect(summary).toMatchObject({
      responses: 3,
      roomsClosed: 4,
      responseRate: 0.75,
      csat: 0.5,
      comments: 2,
      bySource: { widget: 2, link: 1 },
    });
    expect(res.body.links).toEqual({ created: 3, opened: 2, answered: 1, responseRate: 1 / 3 });
    expect(groups.map((g: { bySource: object }) => g.bySource)).toEqual([
      { widget: 0, link: 1 },
      { widget: 2, link: 0 },
    ]);
    expect(summary.csatInterval[0]).toBeCloseTo(0.0945, 3);
    expect(summary.csatInterval[1]).toBeCloseTo(0.9055, 3);
    expect(summary.items.satisfaction).toEqual({
      count: 2,
      average: 3.5,
      distribution: { '1': 0, '2': 1, '3': 0, '4': 0, '5': 1 },
    });
    expect(summary.items.agentFriendliness).toEqual({
      count: 0,
      average: null,
      distribution: { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 },
    });
    expect(groups.map((g: { key: string; label: string }) => [g.key, g.label])).toEqual([
      ['deptSupport000002', 'deptSupport000002'],
      ['salesDeptId000001', 'Sales'],
    ]);
  });

  it("counts the link funnel of the filtered rooms' links only", async () => {
    const support = await get('survey.report', { ...PERIOD, departmentId: 'deptSupport000002' });
    expect(support.body.links).toEqual({ created: 1, opened: 1, answered: 1, responseRate: 1 });
    expect(support.body.summary.bySource).toEqual({ widget: 0, link: 1 });
    const none = await get('survey.report', { ...PERIOD, agentId: 'nobody' });
    expect(none.body.links).toEqual({ created: 0, opened: 0, answered: 0, responseRate: null });
  });

  it('labels agent groups by username, rooms without an agent as key null', async () => {
    const res = await get('survey.report', { ...PERIOD, groupBy: 'agent' });
    expect(res.body.groups.map((g: { key: string; label: string }) => [g.key, g.label, g])).toEqual(
      [
        [
          'agentId0000000001',
          'agent.smith',
          expect.objectContaining({ responses: 2, roomsClosed: 3 }),
        ],
        [
          null,
          null,
          expect.objectContaining({ responses: 1, roomsClosed: 1, csat: null, csatInterval: null }),
        ],
      ],
    );
  });

  it('lists answers newest first, without visitor data, in the list convention', async () => {
    const res = await get('survey.responses', { ...PERIOD, count: 2 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ count: 2, offset: 0, total: 3, success: true });
    expect(res.body.responses[0]).toEqual({
      rid: rooms[2]._id,
      ts: '2026-11-01T10:01:00.000Z',
      closedAt: '2026-11-01T12:00:00.000Z',
      submittedAt: '2026-11-01T12:00:00.000Z',
      agent: null,
      departmentId: 'salesDeptId000001',
      department: { _id: 'salesDeptId000001', name: 'Sales' },
      items: {},
      comment: 'Nice, "really"',
      source: 'widget',
      link: null,
    });
    const link = await get('survey.responses', { ...PERIOD, departmentId: 'deptSupport000002' });
    expect(link.body.responses.map((r: { source: string }) => r.source)).toEqual(['link']);
    const text = JSON.stringify(res.body);
    for (const secret of [
      visitor.token,
      visitor.name,
      'jane@example.com',
      'A-1001',
      visitor.username,
    ]) {
      expect(text).not.toContain(secret);
    }
  });

  it('filters by satisfaction and by comment', async () => {
    const five = await get('survey.responses', { ...PERIOD, satisfaction: '5' });
    expect(five.body.responses.map((r: { rid: string }) => r.rid)).toEqual([rooms[0]._id]);
    const silent = await get('survey.responses', { ...PERIOD, hasComment: 'false' });
    expect(silent.body.responses.map((r: { rid: string }) => r.rid)).toEqual([rooms[1]._id]);
  });

  it('sorts by each field, both ways; newest submission first by default', async () => {
    // Another day, three rooms in a different order by each field.
    const day = { from: '2026-11-05T00:00:00Z', to: '2026-11-06T00:00:00Z' };
    const at = (time: string) => new Date(`2026-11-05T${time}Z`);
    const [a, b, c] = [
      { ts: at('08:00:00'), closedAt: at('12:00:00'), surveyFeedbackAt: at('12:30:00') },
      { ts: at('09:00:00'), closedAt: at('10:00:00'), surveyFeedbackAt: at('13:00:00') },
      { ts: at('10:00:00'), closedAt: at('11:00:00'), surveyFeedbackAt: at('11:30:00') },
    ].map((times) =>
      closedRocketChatRoom(visitor, { ...times, surveyFeedback: { satisfaction: '4' } }),
    );
    await t.rooms.insertMany([a, b, c]);
    const order = async (sort?: string) =>
      (await get('survey.responses', sort ? { ...day, sort } : day)).body.responses.map(
        (r: { rid: string }) => r.rid,
      );
    const ascending = { submittedAt: [c, a, b], closedAt: [b, c, a], ts: [a, b, c] };
    for (const [field, rooms] of Object.entries(ascending)) {
      const ids = rooms.map((room) => room._id);
      expect([field, await order(`{"${field}":1}`)]).toEqual([field, ids]);
      expect([field, await order(`{"${field}":-1}`)]).toEqual([field, [...ids].reverse()]);
    }
    expect(await order()).toEqual([b, a, c].map((room) => room._id));
  });

  it('exports RFC 4180 CSV with a file name of the period and formulas neutralised', async () => {
    const res = await get('survey.export.csv', { ...PERIOD, hasComment: 'true' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="survey-responses_2026-11-01_2026-11-01.csv"',
    );
    const lines = res.text.split('\r\n');
    expect(lines[0]).toBe(
      'rid,submittedAt,ts,closedAt,agentId,agentUsername,departmentId,satisfaction,agentKnowledge,agentResposiveness,agentFriendliness,comment,source,agentCurrentUsername,agentName,departmentName',
    );
    expect(lines.slice(1).sort()).toEqual(
      [
        '',
        `${rooms[0]._id},2026-11-01T10:05:00.000Z,2026-11-01T10:01:00.000Z,2026-11-01T10:00:00.000Z,agentId0000000001,agent.smith,salesDeptId000001,5,,,,"'=HYPERLINK(""http://x"")",widget,,,Sales`,
        `${rooms[2]._id},2026-11-01T12:00:00.000Z,2026-11-01T10:01:00.000Z,2026-11-01T12:00:00.000Z,,,salesDeptId000001,,,,,"Nice, ""really""",widget,,,Sales`,
      ].sort(),
    );
  });

  it.each([
    ['+00:07', '2026-11-01', '2026-11-02', '2026-11-03'],
    ['Asia/Kathmandu', '2026-11-01', '2026-11-02', '2026-11-03'],
    // A 25-hour day (clocks go back on 2026-10-25).
    ['Europe/Paris', '2026-10-24', '2026-10-25', '2026-10-26'],
    // Clocks jump from 00:00 to 01:00 on 2026-09-06: that midnight is never shown.
    ['America/Santiago', '2026-09-06', '2026-09-07', '2026-09-08'],
  ])(
    'groupBy=day in %s lists exactly the two days %s and %s, and the export is named by them',
    async (tz, first, second, to) => {
      const report = await get('survey.report', { from: first, to, tz, groupBy: 'day' });
      expect(report.status).toBe(200);
      expect(report.body.groups.map((g: { key: string }) => g.key)).toEqual([first, second]);
      const csv = await get('survey.export.csv', { from: first, to, tz });
      expect(csv.headers['content-disposition']).toBe(
        `attachment; filename="survey-responses_${first}_${second}.csv"`,
      );
    },
  );

  it.each([
    [{ ...PERIOD, from: 'yesterday' }, 'from must be an ISO 8601 date or date-time'],
    [{ ...PERIOD, from: '2026-11-01 10:00' }, 'from must be an ISO 8601 date or date-time'],
    [{ ...PERIOD, to: '2026-02-30' }, 'to must be an ISO 8601 date or date-time'],
    [{ from: PERIOD.to, to: PERIOD.from }, 'from must be before to'],
    [{ from: PERIOD.from, to: PERIOD.from }, 'from must be before to'],
    [
      { ...PERIOD, groupBy: 'week' },
      'groupBy must be one of agent, department, day, hour, weekday, weekday-hour',
    ],
    [{ ...PERIOD, tz: 'Mars/Olympus' }, 'tz must be an IANA time zone'],
    [{ from: '2026-01-01', to: '2026-03-01' }, 'the period must not be longer than 31 days'],
    [{ to: PERIOD.to }, 'from must be an ISO 8601 date or date-time'],
    [{ ...PERIOD, token: 'x' }, 'property token should not exist'],
  ])('survey.report %j → 400 %s', async (query, message) => {
    const before = await t.rooms.find().toArray();
    const res = await get('survey.report', query);
    expect(res.status).toBe(400);
    expect(res.body).toEqual(invalid(message));
    expect(await t.rooms.find().toArray()).toEqual(before);
  });

  it.each([
    ['from=2026-11-01T00:00:00+01:00&to=2026-11-02', 'from'],
    ['from=2026-11-01&to=2026-11-02T00:00:00.000+01:00', 'to'],
    ['from=2026-11-01&to=2026-11-02T00:00+0100', 'to'],
  ])(
    'a raw + in %s (a space once decoded) → 400 saying to write it as %%2B',
    async (query, name) => {
      const res = await t
        .http()
        .get(`/api/v1/livechat/survey.report?${query}`)
        .set('X-Api-Key', key.key);
      expect([res.status, res.body]).toEqual([
        400,
        invalid(
          `${name} must be an ISO 8601 date or date-time: write the + of its offset as %2B in a query string`,
        ),
      ]);
      const encoded = await t
        .http()
        .get(`/api/v1/livechat/survey.report?${query.replace('+', '%2B')}`)
        .set('X-Api-Key', key.key);
      expect(encoded.status).toBe(200);
    },
  );

  it.each([
    [{ count: '0' }, 'count must be an integer from 1 to 100'],
    [{ count: '101' }, 'count must be an integer from 1 to 100'],
    [{ count: 'ten' }, 'count must be an integer from 1 to 100'],
    [{ offset: '-1' }, 'offset must be an integer of 0 or more'],
    [{ offset: '901', count: '100' }, DEPTH],
    // count is 50 by default.
    [{ offset: '951' }, DEPTH],
    [{ offset: '1000000000', count: '1' }, DEPTH],
    [
      { sort: '{"v.token":1}' },
      'sort must be a JSON object of one field (submittedAt, closedAt, ts, satisfaction) and 1 or -1',
    ],
    [
      { sort: 'ts' },
      'sort must be a JSON object of one field (submittedAt, closedAt, ts, satisfaction) and 1 or -1',
    ],
    [{ satisfaction: '9' }, 'satisfaction must be one of 1, 2, 3, 4, 5'],
    [{ hasComment: 'yes' }, 'hasComment must be true or false'],
  ])('survey.responses %j → 400 %s', async (query, message) => {
    const res = await get('survey.responses', { ...PERIOD, ...query });
    expect([res.status, res.body]).toEqual([400, invalid(message)]);
  });

  it('survey.export.csv refuses bad parameters as JSON, before any CSV', async () => {
    const res = await get('survey.export.csv', { ...PERIOD, satisfaction: '9' });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.body).toEqual(invalid('satisfaction must be one of 1, 2, 3, 4, 5'));
    const paging = await get('survey.export.csv', { ...PERIOD, count: '10' });
    expect(paging.body).toEqual(invalid('property count should not exist'));
  });
});
