import { createTestApp, type TestApp } from '../support/app';
import { closedRocketChatRoom, rocketChatVisitor, type Doc } from '../support/factories';
import { apiKey } from '../support/managers';

const invalid = (message: string) => ({
  success: false,
  error: `${message} [invalid-params]`,
  errorType: 'invalid-params',
});
/** Monday 2 to Wednesday 4 November 2026 in Paris (UTC+1). */
const PERIOD = { from: '2026-11-02', to: '2026-11-05', tz: 'Europe/Paris' };
/** Sunday 25 October 2026 in Paris: clocks go back from 03:00 to 02:00. */
const DST_DAY = { from: '2026-10-25', to: '2026-10-26', tz: 'Europe/Paris' };

type Row = { rid: string };

describe('survey.responses drill-down: every figure opens exactly its answers', () => {
  let t: TestApp;
  const key = apiKey();
  const visitor = rocketChatVisitor();
  const room: Record<string, Doc> = {};

  /** A room answered at `at` (UTC) with these answers and comment. */
  const answered = (id: string, at: string, feedback: Record<string, string>) =>
    (room[id] = closedRocketChatRoom(visitor, {
      _id: `drill${id}`,
      closedAt: new Date(Date.parse(at) - 60_000),
      surveyFeedbackAt: new Date(at),
      surveyFeedback: feedback,
    }));

  beforeAll(async () => {
    t = await createTestApp({ REPORTS_API_KEYS: key.digest, REPORTS_MAX_RANGE_DAYS: '31' });
    await t.rooms.insertMany([
      // Paris: Mon 09:30, Tue 00:30, Tue 13:10, Tue 13:20, Wed 13:59, Wed 17:00.
      answered('A', '2026-11-02T08:30:00Z', {
        satisfaction: '2',
        agentKnowledge: '3',
        additionalFeedback: 'Très lent, RÉPONSE tardive',
      }),
      answered('B', '2026-11-02T23:30:00Z', {
        satisfaction: '5',
        additionalFeedback: 'Great (really) .* $where',
      }),
      answered('C', '2026-11-03T12:10:00Z', {
        satisfaction: '1',
        additionalFeedback: 'réponse 100% inutile',
      }),
      answered('F', '2026-11-03T12:20:00Z', { satisfaction: '1', additionalFeedback: 'again' }),
      answered('D', '2026-11-04T12:59:00Z', { satisfaction: '2' }),
      answered('E', '2026-11-04T16:00:00Z', { agentKnowledge: '5', additionalFeedback: 'ok' }),
      // 02:30 twice on the DST day: 02:30 summer time, then 02:30 winter time.
      answered('S', '2026-10-25T00:30:00Z', { satisfaction: '4' }),
      answered('W', '2026-10-25T01:30:00Z', { satisfaction: '4' }),
    ]);
  });
  afterAll(() => t.close());

  const get = (route: string, query: Record<string, unknown>) =>
    t.http().get(`/api/v1/livechat/${route}`).query(query).set('X-Api-Key', key.key);
  const rids = async (query: Record<string, unknown>) => {
    const res = await get('survey.responses', { ...PERIOD, ...query });
    expect(res.status).toBe(200);
    return res.body.responses.map((row: Row) => row.rid.replace('drill', ''));
  };

  it("opens each day of groupBy=day with exactly the day's count, in tz", async () => {
    const report = await get('survey.report', { ...PERIOD, groupBy: 'day' });
    const days = report.body.groups as Array<{ key: string; responses: number }>;
    expect(days.map((day) => [day.key, day.responses])).toEqual([
      ['2026-11-02', 1],
      ['2026-11-03', 3],
      ['2026-11-04', 2],
    ]);
    for (const day of days) {
      const res = await get('survey.responses', { ...PERIOD, day: day.key });
      expect([day.key, res.body.total]).toEqual([day.key, day.responses]);
    }
    // 00:30 in Paris on Tuesday is still Monday in UTC.
    expect(await rids({ day: '2026-11-03' })).toEqual(['F', 'C', 'B']);
  });

  it('filters by local hour and ISO weekday; the cells partition the answers', async () => {
    expect(await rids({ hour: '13' })).toEqual(['D', 'F', 'C']);
    expect(await rids({ weekday: '2' })).toEqual(['F', 'C', 'B']);
    expect(await rids({ weekday: '2', hour: '13' })).toEqual(['F', 'C']);
    const cells = [
      ['1', '9'],
      ['2', '0'],
      ['2', '13'],
      ['3', '13'],
      ['3', '17'],
    ];
    const counts = await Promise.all(
      cells.map(async ([weekday, hour]) => (await rids({ weekday, hour })).length),
    );
    expect(counts).toEqual([1, 1, 2, 1, 1]);
    expect(await rids({ weekday: '4' })).toEqual([]);
  });

  it('reads the wall clock across DST: both 02:30s of the day clocks go back are hour 2, Sunday', async () => {
    const res = await get('survey.responses', { ...DST_DAY, hour: '2', weekday: '7' });
    expect(res.body.responses.map((row: Row) => row.rid)).toEqual(['drillW', 'drillS']);
  });

  it("matches the weekday × hour report's cells when the report groups by them", async () => {
    const report = await get('survey.report', { ...PERIOD, groupBy: 'weekday-hour' });
    expect(report.status).toBe(200);
    const cells = report.body.groups as Array<{ key: string; responses: number }>;
    expect(cells).toHaveLength(168);
    // Every cell with answers, and a few empty ones (all 168 would pass the key's rate limit).
    const checked = cells.filter((cell, i) => cell.responses > 0 || i % 24 === 0);
    expect(checked.filter((cell) => cell.responses > 0).length).toBeGreaterThan(2);
    for (const cell of checked) {
      const [weekday, hour] = cell.key.split('-');
      expect([cell.key, (await rids({ weekday, hour })).length]).toEqual([
        cell.key,
        cell.responses,
      ]);
    }
  });

  it('opens each bar of a distribution: item and value', async () => {
    const report = await get('survey.report', PERIOD);
    const bars = report.body.summary.items.agentKnowledge.distribution as Record<string, number>;
    for (const [value, count] of Object.entries(bars)) {
      const res = await get('survey.responses', { ...PERIOD, item: 'agentKnowledge', value });
      expect([value, res.body.total]).toEqual([value, count]);
    }
    expect(await rids({ item: 'agentKnowledge', value: '3' })).toEqual(['A']);
    expect(await rids({ item: 'satisfaction', value: '1' })).toEqual(['F', 'C']);
  });

  it.each([
    ['réponse', ['C', 'A']],
    ['RÉPONSE', ['C', 'A']],
    // é written as e and a combining acute accent.
    ['Re\u0301ponse', ['C', 'A']],
    ['.*', ['B']],
    ['(', ['B']],
    ['$where', ['B']],
    ['100%', ['C']],
    ['%', ['C']],
    ['{"$gt":""}', []],
    ['^', []],
  ])('q=%j finds the comments holding that text, as text', async (q, expected) => {
    expect(await rids({ q })).toEqual(expected);
  });

  it('q percent-encoded in the URL is the decoded text', async () => {
    const res = await t
      .http()
      .get(
        '/api/v1/livechat/survey.responses?from=2026-11-02&to=2026-11-05&q=R%C3%89PONSE%20100%25',
      )
      .set('X-Api-Key', key.key);
    expect(res.body.responses.map((row: Row) => row.rid)).toEqual(['drillC']);
  });

  it('sorts lowest score first: ties newest first, answers without a score last', async () => {
    expect(await rids({ sort: '{"satisfaction":1}' })).toEqual(['F', 'C', 'D', 'A', 'B', 'E']);
    expect(await rids({ sort: '{"satisfaction":-1}' })).toEqual(['B', 'D', 'A', 'F', 'C', 'E']);
    expect(await rids({ sort: '{"satisfaction":1}', count: 2, offset: 1 })).toEqual(['C', 'D']);
  });

  const LONG = 'x'.repeat(201);
  it.each([
    [{ day: '2026-11-05' }, 'day must be a date (YYYY-MM-DD) within the period'],
    [{ day: '2026-11-01' }, 'day must be a date (YYYY-MM-DD) within the period'],
    [{ day: '2026-02-30' }, 'day must be a date (YYYY-MM-DD) within the period'],
    [{ day: '3 Nov' }, 'day must be a date (YYYY-MM-DD) within the period'],
    [{ hour: '24' }, 'hour must be an integer from 0 to 23'],
    [{ hour: '-1' }, 'hour must be an integer from 0 to 23'],
    [{ hour: '05' }, 'hour must be an integer from 0 to 23'],
    [{ hour: '' }, 'hour must be an integer from 0 to 23'],
    [{ hour: '1.5' }, 'hour must be an integer from 0 to 23'],
    [{ weekday: '0' }, 'weekday must be an integer from 1 (Monday) to 7 (Sunday)'],
    [{ weekday: '8' }, 'weekday must be an integer from 1 (Monday) to 7 (Sunday)'],
    [{ weekday: 'Mon' }, 'weekday must be an integer from 1 (Monday) to 7 (Sunday)'],
    [
      { item: 'speed', value: '1' },
      'item must be one of satisfaction, agentKnowledge, agentResposiveness, agentFriendliness',
    ],
    [{ item: 'satisfaction', value: '9' }, 'value must be one of 1, 2, 3, 4, 5'],
    [{ item: 'satisfaction' }, 'item and value must be given together'],
    [{ value: '2' }, 'item and value must be given together'],
    [{ q: '' }, 'q must be 1 to 200 characters'],
    [{ q: LONG }, 'q must be 1 to 200 characters'],
    // The query parser keeps brackets in names: never an operator, an unknown parameter.
    [{ 'q[$ne]': 'x' }, 'property q[$ne] should not exist'],
    [{ q: ['a', 'b'] }, 'q must be 1 to 200 characters'],
    [
      { sort: '{"items.satisfaction":1}' },
      'sort must be a JSON object of one field (submittedAt, closedAt, ts, satisfaction) and 1 or -1',
    ],
  ])('%j → 400 %s on both routes, nothing changed', async (query, message) => {
    const before = await t.rooms.find().toArray();
    for (const route of ['survey.responses', 'survey.export.csv']) {
      if (route === 'survey.export.csv' && 'sort' in query) continue;
      const res = await get(route, { ...PERIOD, ...query });
      expect([route, res.status, res.body]).toEqual([route, 400, invalid(message)]);
    }
    expect(await t.rooms.find().toArray()).toEqual(before);
  });

  it('accepts a q of 200 characters, and the export applies the same filters', async () => {
    expect(await rids({ q: 'x'.repeat(200) })).toEqual([]);
    const csv = await get('survey.export.csv', { ...PERIOD, q: 'réponse', weekday: '2' });
    const lines = csv.text.split('\r\n').filter(Boolean);
    expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual(['drillC']);
  });
});
