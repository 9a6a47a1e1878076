import { randomId } from '../../src/common/random-id';
import { MAX_PAGE_DEPTH } from '../../src/reports/top-rows';
import { createTestApp, type TestApp } from '../support/app';
import type { Doc } from '../support/factories';
import { apiKey } from '../support/managers';
import {
  dayIn,
  ITEMS,
  referenceReport,
  referenceRows,
  VALUES,
  type Link,
  type Query,
} from '../support/report-reference';

/** A small seeded generator (mulberry32): the same rooms on every run. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const ROOMS = Number(process.env.REPORT_REFERENCE_ROOMS ?? 3000);
const DAY = 86_400_000;
const AGENTS = [
  { _id: 'agentAnn000000001', username: 'ann' },
  { _id: 'agentBob000000002', username: 'bob' },
  { _id: 'agentCyd000000003', username: 'cyd' },
  { _id: 'agentDee000000004', username: 'dee' },
];
const DEPARTMENTS = ['deptSales00000001', 'deptSupport000002', 'deptBilling000003'];
const NAMES = { deptSales00000001: 'Sales', deptSupport000002: 'Support' };
// Rocket.Chat users of two of the agents (the others have no user: their name is null).
const AGENT_NAMES = { agentAnn000000001: 'Ann Ames', agentCyd000000003: 'Cyd Cole' };
const ROW_NAMES = { agents: AGENT_NAMES, departments: NAMES };
const TIME_ZONES = ['UTC', 'Europe/Paris', 'America/New_York', 'Asia/Kathmandu'];

/**
 * Rooms in every shape reports meet: open, closed, non-livechat, with and without agent and
 * department, answers partial, comment-only, blank comments, values and items outside the
 * configuration, Rocket.Chat-shaped (no surveyFeedbackAt), erased visitors; all over 220 days
 * (so across both DST changes of the northern zones).
 */
function generateRooms(now: number): Doc[] {
  const next = random(20261202);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)];
  const rooms: Doc[] = [];
  for (let i = 0; i < ROOMS; i++) {
    const ts = new Date(now - 220 * DAY + Math.floor(next() * 221 * DAY));
    const erased = next() < 0.1;
    const room: Doc = {
      _id: `ref${String(i).padStart(5, '0')}${randomId().slice(0, 9)}`,
      t: next() < 0.05 ? 'd' : 'l',
      ts,
      v: erased
        ? { _id: `visitor${i}` }
        : { _id: `visitor${i}`, token: `tok${i}`, username: `guest-${i}` },
      ...(!erased && { fname: `Visitor ${i}` }),
    };
    if (next() < 0.8) room.closedAt = new Date(ts.getTime() + Math.floor(next() * 3 * DAY));
    else room.open = true;
    if (next() < 0.85) room.servedBy = { ...pick(AGENTS), ts };
    if (next() < 0.8) room.departmentId = pick(DEPARTMENTS);
    if (next() < 0.6) {
      const feedback: Record<string, string> = {};
      for (const item of ITEMS) if (next() < 0.55) feedback[item] = pick(VALUES);
      if (next() < 0.05) feedback.satisfaction = '9'; // not an allowed value
      if (next() < 0.05) feedback.speed = '5'; // not a configured item
      const comment = next();
      if (comment < 0.25)
        feedback.additionalFeedback = pick(['Great', 'slow =(', '=SUM(A1)', 'ok, "fine"']);
      else if (comment < 0.3) feedback.additionalFeedback = '  ';
      room.surveyFeedback = feedback;
      // Ours carry surveyFeedbackAt; Rocket.Chat's do not.
      const base = (room.closedAt as Date | undefined) ?? ts;
      if (next() < 0.7)
        room.surveyFeedbackAt = new Date(base.getTime() + Math.floor(next() * 2 * DAY));
      // Answered on a survey link's page (only ours: Rocket.Chat stores no source).
      if (room.surveyFeedbackAt && next() < 0.3) room.surveyFeedbackSource = 'link';
    }
    rooms.push(room);
  }
  return rooms;
}

/** Survey links of some rooms over the same 220 days: made, some opened, some answered. */
function generateLinks(rooms: Doc[], now: number): Array<Link & { _id: string }> {
  const next = random(20261207);
  return rooms
    .filter(() => next() < 0.3)
    .map((room, i) => {
      const createdAt = new Date(now - 220 * DAY + Math.floor(next() * 221 * DAY));
      const later = () => new Date(createdAt.getTime() + Math.floor(next() * DAY));
      const stage = next();
      return {
        _id: `refLink${i}`,
        rid: room._id,
        createdAt,
        ...(stage < 0.6 && { openedAt: later() }),
        ...(stage < 0.3 && { answeredAt: later() }),
        // A form posted without its page shown first.
        ...(stage > 0.95 && { answeredAt: later() }),
      };
    });
}

/**
 * The reference's intervals of change come from other arithmetic (its t quantile is a
 * numerical integral): equal to 6 decimals there, number for number everywhere else.
 */
function approximately(value: unknown, inChange = false): unknown {
  if (typeof value === 'number') {
    return inChange ? expect.closeTo(value, 6) : value;
  }
  if (Array.isArray(value)) return value.map((v) => approximately(v, inChange));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, approximately(v, inChange || k === 'change')]),
  );
}

describe('survey reports equal a brute-force reference, number for number', () => {
  let t: TestApp;
  let rooms: Doc[];
  let links: Link[];
  const key = apiKey();
  const now = Date.now();
  const headers = { 'X-Api-Key': key.key };

  beforeAll(async () => {
    t = await createTestApp({ REPORTS_API_KEYS: key.digest });
    await t.db
      .collection('rocketchat_livechat_department')
      .insertMany(Object.entries(NAMES).map(([_id, name]) => ({ _id, name })) as never);
    await t.db.collection('users').insertMany(
      AGENTS.filter(({ _id }) => _id in AGENT_NAMES).map(({ _id, username }) => ({
        _id,
        username,
        name: AGENT_NAMES[_id as keyof typeof AGENT_NAMES],
      })) as never,
    );
    const generated = generateRooms(now);
    for (let i = 0; i < generated.length; i += 1000) {
      await t.rooms.insertMany(generated.slice(i, i + 1000));
    }
    // Resubmissions through the route itself: the answers are replaced and count once, now.
    const resubmitted = generated
      .filter((room) => room.t === 'l' && room.v && (room.v as Doc).token)
      .slice(0, 10);
    for (const room of resubmitted) {
      const v = room.v as { _id: string; token: string; username: string };
      await t.visitors.insertOne({ _id: v._id, token: v.token, username: v.username });
      for (const value of ['1', '5']) {
        await t
          .http()
          .post('/api/v1/livechat/room.survey')
          .send({ rid: room._id, token: v.token, data: [{ name: 'satisfaction', value }] })
          .expect(200);
      }
    }
    rooms = await t.rooms.find().toArray();
    links = generateLinks(generated, now);
    await t.db.collection('livechat_survey_links').insertMany(links);
  }, 120_000);
  afterAll(() => t.close());

  /** `aligned`: from and to sent as dates alone, whole local days (compare goes back in days). */
  const queries: Array<Omit<Query, 'from' | 'to'> & { days: [number, number]; aligned?: boolean }> =
    [];
  for (const tz of TIME_ZONES) {
    for (const groupBy of [undefined, 'agent', 'department', 'day', 'hour'] as const) {
      queries.push({ tz, groupBy, days: [-200, 1] });
    }
  }
  queries.push({ tz: 'UTC', compare: 'previous', days: [-100, 1] });
  queries.push({ tz: 'Asia/Kathmandu', groupBy: 'agent', compare: 'previous', days: [-100, -10] });
  // Hours across New York's autumn DST change; weekday-hour with compare costs the reference
  // 168 groups of slow integrals (about 40 s), so it compares hours here, weekdays below.
  queries.push({ tz: 'America/New_York', groupBy: 'hour', compare: 'previous', days: [-100, 1] });
  queries.push({ tz: 'Asia/Kathmandu', groupBy: 'weekday-hour', days: [-200, 1] });
  // Four weeks across Paris's and New York's autumn DST changes (and their four weeks before).
  queries.push({
    tz: 'Europe/Paris',
    groupBy: 'weekday',
    compare: 'previous',
    days: [-60, -32],
    aligned: true,
  });
  queries.push({
    tz: 'America/New_York',
    groupBy: 'day',
    compare: 'previous',
    days: [-50, -22],
    aligned: true,
  });
  queries.push({
    tz: 'Europe/Paris',
    groupBy: 'department',
    compare: 'previous',
    agentId: AGENTS[3]._id,
    days: [-90, -20],
  });
  queries.push({ tz: 'Europe/Paris', groupBy: 'agent', agentId: AGENTS[1]._id, days: [-150, -10] });
  queries.push({
    tz: 'America/New_York',
    groupBy: 'day',
    departmentId: DEPARTMENTS[2],
    days: [-120, -30],
  });
  queries.push({
    tz: 'UTC',
    groupBy: 'department',
    agentId: AGENTS[0]._id,
    departmentId: DEPARTMENTS[0],
    days: [-220, 1],
  });

  const toQuery = ({ days, aligned: _aligned, ...rest }: (typeof queries)[number]): Query => ({
    ...rest,
    from: new Date(now + days[0] * DAY),
    to: new Date(now + days[1] * DAY),
  });
  const params = (q: Query, aligned = false) => ({
    from: aligned ? dayIn(q.tz, q.from) : q.from.toISOString(),
    to: aligned ? dayIn(q.tz, q.to) : q.to.toISOString(),
    tz: q.tz,
    ...(q.groupBy && { groupBy: q.groupBy }),
    ...(q.compare && { compare: q.compare }),
    ...(q.agentId && { agentId: q.agentId }),
    ...(q.departmentId && { departmentId: q.departmentId }),
  });

  it.each(queries.map((q) => [JSON.stringify({ ...q, days: undefined }), q] as const))(
    'survey.report %s',
    async (_name, spec) => {
      let q = toQuery(spec);
      const res = await t
        .http()
        .get('/api/v1/livechat/survey.report')
        .query(params(q, spec.aligned))
        .set(headers);
      expect(res.status).toBe(200);
      // Local midnights, as the service read them (the DST test below checks that reading).
      if (spec.aligned)
        q = { ...q, from: new Date(res.body.period.from), to: new Date(res.body.period.to) };
      const expected = referenceReport(rooms as never, q, NAMES, links);
      expect(expected.summary.responses).toBeGreaterThan(0);
      if (q.compare) expect(expected.summary.previous?.responses).toBeGreaterThan(0);
      expect(res.body).toEqual(approximately(expected));
    },
    60_000,
  );

  it('survey.responses: every page down to MAX_PAGE_DEPTH, in order, equals the reference rows; deeper is refused', async () => {
    const q = toQuery({ tz: 'UTC', days: [-200, 1] });
    const expected = referenceRows(rooms as never, q, ROW_NAMES);
    const reachable = Math.min(expected.length, MAX_PAGE_DEPTH);
    const seen: unknown[] = [];
    for (let offset = 0; offset < reachable; offset += 100) {
      const res = await t
        .http()
        .get('/api/v1/livechat/survey.responses')
        .query({ ...params(q), offset, count: 100 })
        .set(headers);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ offset, total: expected.length, success: true });
      expect(res.body.count).toBe(res.body.responses.length);
      seen.push(...res.body.responses);
    }
    expect(seen).toEqual(expected.slice(0, reachable));
    // Past the depth, rows come from the export (survey.export.csv).
    const deeper = await t
      .http()
      .get('/api/v1/livechat/survey.responses')
      .query({ ...params(q), offset: MAX_PAGE_DEPTH, count: 1 })
      .set(headers);
    expect([deeper.status, deeper.body.errorType]).toEqual([400, 'invalid-params']);
  }, 120_000);

  it('survey.export.csv: one line per reference row, after the header', async () => {
    const q = toQuery({ tz: 'UTC', agentId: AGENTS[2]._id, days: [-200, 1] });
    const res = await t
      .http()
      .get('/api/v1/livechat/survey.export.csv')
      .query(params(q))
      .set(headers)
      .buffer(true)
      .parse((response, done) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        response.on('end', () => done(null, text));
      });
    expect(res.status).toBe(200);
    const rids = (res.body as string)
      .split('\r\n')
      .slice(1)
      .filter(Boolean)
      .map((line) => line.split(',')[0]);
    expect(rids.sort()).toEqual(
      referenceRows(rooms as never, q, ROW_NAMES)
        .map((row) => row.rid)
        .sort(),
    );
  });

  it('reads a date alone as midnight in tz, across a DST change', async () => {
    const q = { from: '2026-03-01', to: '2026-04-01', tz: 'Europe/Paris' };
    const res = await t.http().get('/api/v1/livechat/survey.report').query(q).set(headers);
    expect(res.status).toBe(200);
    const from = new Date(res.body.period.from as string);
    const to = new Date(res.body.period.to as string);
    expect([
      dayIn('Europe/Paris', from),
      dayIn('Europe/Paris', new Date(from.getTime() - 1)),
    ]).toEqual(['2026-03-01', '2026-02-28']);
    expect([dayIn('Europe/Paris', to), dayIn('Europe/Paris', new Date(to.getTime() - 1))]).toEqual([
      '2026-04-01',
      '2026-03-31',
    ]);
    // March in Paris has a 23-hour day: 31 days less an hour.
    expect(to.getTime() - from.getTime()).toBe(31 * DAY - 3600_000);
  });
});
