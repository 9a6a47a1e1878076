import { createTestApp, type TestApp } from '../support/app';
import { closedRocketChatRoom, rocketChatVisitor, type Doc } from '../support/factories';
import { apiKey } from '../support/managers';

const invalid = (message: string) => ({
  success: false,
  error: `${message} [invalid-params]`,
  errorType: 'invalid-params',
});
const WEEK = { from: '2026-11-09', to: '2026-11-16' };
const MINUTE = 60_000;
const ITEMS = ['satisfaction', 'agentKnowledge', 'agentResposiveness', 'agentFriendliness'];

describe('survey.report compare=previous and hour/weekday groups', () => {
  let t: TestApp;
  const key = apiKey();
  const visitor = rocketChatVisitor();

  /** A room closed at `closedAt` and answered a minute later with this satisfaction. */
  const answered = (username: string, closedAt: string, satisfaction: string, i = 0): Doc => {
    const closed = new Date(Date.parse(closedAt) + i * MINUTE);
    return closedRocketChatRoom(visitor, {
      servedBy: { _id: `agent-${username}`, username, ts: closed },
      closedAt: closed,
      surveyFeedback: { satisfaction },
      surveyFeedbackAt: new Date(closed.getTime() + MINUTE),
    });
  };
  const times = (n: number, make: (i: number) => Doc) =>
    Array.from({ length: n }, (_, i) => make(i));

  beforeAll(async () => {
    t = await createTestApp({ REPORTS_API_KEYS: key.digest });
    await t.rooms.insertMany([
      // ann: 10 of 10 satisfied this week (Tuesday 09:00–09:10 UTC), 0 of 10 the week before.
      ...times(10, (i) => answered('ann', '2026-11-10T09:00:00Z', '5', i)),
      ...times(10, (i) => answered('ann', '2026-11-03T09:00:00Z', '1', i)),
      // bob: 2 of 2, then 1 of 2: a change within noise.
      answered('bob', '2026-11-12T10:00:00Z', '5'),
      answered('bob', '2026-11-12T11:00:00Z', '4'),
      answered('bob', '2026-11-05T10:00:00Z', '4'),
      answered('bob', '2026-11-05T11:00:00Z', '2'),
      // cyd only this week, dee only the week before.
      answered('cyd', '2026-11-13T10:00:00Z', '3'),
      ...times(3, (i) => answered('dee', '2026-11-04T10:00:00Z', '5', i)),
      // New York's clocks go back on 2026-11-01 at 06:00Z: 05:30Z and 06:30Z both show 01:30.
      answered('eve', '2026-11-01T05:29:00Z', '5'),
      answered('eve', '2026-11-01T06:29:00Z', '5'),
    ]);
  });
  afterAll(() => t.close());

  const get = (query: Record<string, unknown>) =>
    t.http().get('/api/v1/livechat/survey.report').query(query).set('X-Api-Key', key.key);
  type Group = { key: string; responses: number; roomsClosed: number; [field: string]: unknown };
  const byKey = (groups: Group[]) => new Map(groups.map((group) => [group.key, group]));

  it('gives the previous week, its figures and a significant change where there is one', async () => {
    const res = await get({ ...WEEK, groupBy: 'agent', compare: 'previous' });
    expect(res.status).toBe(200);
    const { previous, summary, groups } = res.body;
    expect(previous).toEqual({ from: '2026-11-02T00:00:00.000Z', to: '2026-11-09T00:00:00.000Z' });
    expect([summary.responses, summary.previous.responses]).toEqual([13, 15]);
    // Satisfied: 4 and 5 (ann's 10 + bob's 2, then bob's 4 + dee's 3).
    expect([summary.csat, summary.previous.csat]).toEqual([12 / 13, 4 / 15]);
    expect(summary.change.csat).toMatchObject({ value: 12 / 13 - 4 / 15, significant: true });

    const agents = byKey(groups);
    // dee answered only the week before: the groups stay this week's.
    expect([...agents.keys()]).toEqual(['agent-ann', 'agent-bob', 'agent-cyd']);
    const ann = agents.get('agent-ann')!;
    // Newcombe (1998) Table II, example (h): 10/10 − 0/10 → [0.6075, 1.0000].
    const { csat } = ann.change as { csat: { value: number; interval: number[] } };
    expect(csat.value).toBe(1);
    expect(csat.interval[0]).toBeCloseTo(0.6075, 4);
    expect(csat.interval[1]).toBeCloseTo(1, 4);
    // Table II, example (f), mirrored: 10/10 − 10/10 → [−0.2775, 0.2775].
    const { responseRate } = ann.change as { responseRate: { interval: number[] } };
    expect(responseRate.interval[0]).toBeCloseTo(-0.2775, 4);
    expect(responseRate.interval[1]).toBeCloseTo(0.2775, 4);
    expect(ann.change).toMatchObject({
      csat: { significant: true },
      responseRate: { value: 0, significant: false },
      // All 5s against all 1s: no spread, so no interval (and no claim).
      items: { satisfaction: { value: 4, interval: null, significant: null } },
    });
  });

  it('says "within noise" for a small change, and nulls where a side has no data', async () => {
    const res = await get({ ...WEEK, groupBy: 'agent', compare: 'previous' });
    const agents = byKey(res.body.groups);
    type Difference = { value: number | null; interval: number[] | null; significant: unknown };
    const bob = agents.get('agent-bob')!.change as {
      csat: Difference;
      items: Record<string, Difference>;
    };
    expect(bob.csat).toMatchObject({ value: 0.5, significant: false });
    expect(bob.items.satisfaction).toMatchObject({ value: 1.5, significant: false });
    const interval = bob.items.satisfaction.interval!;
    expect(interval[0]).toBeLessThan(0);
    expect(interval[1]).toBeGreaterThan(1.5);

    const cyd = agents.get('agent-cyd')!;
    const none = { value: null, interval: null, significant: null };
    expect(cyd.previous).toEqual({
      responses: 0,
      roomsClosed: 0,
      responseRate: null,
      csat: null,
      csatInterval: null,
      comments: 0,
      bySource: { widget: 0, link: 0 },
      items: Object.fromEntries(
        ITEMS.map((item) => [
          item,
          { count: 0, average: null, distribution: { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 } },
        ]),
      ),
    });
    expect(cyd.change).toEqual({
      csat: none,
      responseRate: none,
      items: Object.fromEntries(ITEMS.map((item) => [item, none])),
    });
  });

  it('answers exactly as before without compare: no previous, no change', async () => {
    const res = await get({ ...WEEK, groupBy: 'agent' });
    expect(res.body.previous).toBeUndefined();
    expect(res.body.summary.change).toBeUndefined();
    expect(res.body.groups[0].previous).toBeUndefined();
  });

  it('goes back as many local days across a DST change, else the exact length', async () => {
    const paris = await get({
      from: '2026-03-30',
      to: '2026-04-06',
      tz: 'Europe/Paris',
      compare: 'previous',
    });
    // 2026-03-29 has 23 hours in Paris: the week before is 167 hours long.
    expect(paris.body.previous).toEqual({
      from: '2026-03-22T23:00:00.000Z',
      to: '2026-03-29T22:00:00.000Z',
    });
    const hours = await get({
      from: '2026-11-09T12:00:00Z',
      to: '2026-11-10T18:00:00Z',
      compare: 'previous',
    });
    expect(hours.body.previous).toEqual({
      from: '2026-11-08T06:00:00.000Z',
      to: '2026-11-09T12:00:00.000Z',
    });
  });

  it("gives a day group the previous period's day at the same position", async () => {
    const res = await get({ ...WEEK, groupBy: 'day', compare: 'previous' });
    const tuesday = byKey(res.body.groups).get('2026-11-10')!;
    expect([tuesday.responses, (tuesday.previous as Group).responses]).toEqual([10, 10]);
    expect((tuesday.previous as Group).csat).toBe(0);
  });

  it('groups by the hour and weekday shown in tz, every key listed in order', async () => {
    const utc = await get({ ...WEEK, groupBy: 'weekday-hour' });
    expect(utc.body.groups).toHaveLength(168);
    expect(utc.body.groups.slice(0, 2).map((g: Group) => g.key)).toEqual(['1-0', '1-1']);
    expect(utc.body.groups[167].key).toBe('7-23');
    const busy = (groups: Group[]) =>
      groups
        .filter((g) => g.responses > 0)
        .map((g) => [g.key, g.label, g.responses, g.roomsClosed]);
    expect(busy(utc.body.groups)).toEqual([
      ['2-9', '2-9', 10, 10],
      ['4-10', '4-10', 1, 1],
      ['4-11', '4-11', 1, 1],
      ['5-10', '5-10', 1, 1],
    ]);
    // Kathmandu is UTC+05:45: Tuesday 09:00–09:10 UTC is 14:45–14:55 there.
    const kathmandu = await get({ ...WEEK, tz: 'Asia/Kathmandu', groupBy: 'hour' });
    expect(kathmandu.body.groups.map((g: Group) => g.key)).toEqual(
      Array.from({ length: 24 }, (_, h) => String(h)),
    );
    expect(busy(kathmandu.body.groups)).toEqual([
      ['14', '14', 10, 10],
      ['15', '15', 2, 2],
      ['16', '16', 1, 1],
    ]);
    const weekdays = await get({ ...WEEK, groupBy: 'weekday', compare: 'previous' });
    expect(
      weekdays.body.groups.map((g: Group) => [g.key, g.responses, (g.previous as Group).responses]),
    ).toEqual([
      ['1', 0, 0],
      ['2', 10, 10],
      ['3', 0, 3],
      ['4', 2, 2],
      ['5', 1, 0],
      ['6', 0, 0],
      ['7', 0, 0],
    ]);
  });

  it('reads the hour on the clocks of tz, twice 01:00 on the night they go back', async () => {
    const res = await get({
      from: '2026-11-01',
      to: '2026-11-02',
      tz: 'America/New_York',
      groupBy: 'hour',
    });
    const one = byKey(res.body.groups).get('1')!;
    expect([one.responses, one.roomsClosed]).toEqual([2, 2]);
  });

  it.each([
    [{ compare: 'next' }, 'compare must be previous'],
    [{ compare: '' }, 'compare must be previous'],
    [{ compare: ['previous', 'previous'] }, 'compare must be previous'],
    [{ compare: 'PREVIOUS' }, 'compare must be previous'],
    [
      { groupBy: 'hours' },
      'groupBy must be one of agent, department, day, hour, weekday, weekday-hour',
    ],
    [
      { groupBy: 'weekday_hour' },
      'groupBy must be one of agent, department, day, hour, weekday, weekday-hour',
    ],
  ])('%j → 400 %s, nothing changed', async (query, message) => {
    const before = await t.rooms.find().toArray();
    const res = await get({ ...WEEK, ...query });
    expect([res.status, res.body]).toEqual([400, invalid(message)]);
    expect(await t.rooms.find().toArray()).toEqual(before);
  });
});
