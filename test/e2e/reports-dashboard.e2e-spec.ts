import { createTestApp, type TestApp } from '../support/app';
import { closedRocketChatRoom, rocketChatVisitor, type Doc } from '../support/factories';
import { apiKey } from '../support/managers';

const DASHBOARD = '/api/v1/livechat/survey.dashboard';
const WEEK = { from: '2026-11-09', to: '2026-11-16' };
const HOUR = 3_600_000;
const AGENTS = [undefined, 'ann', 'bob', 'cyd'];
const DEPARTMENTS = [undefined, 'dept-a', 'dept-b'];
const COMMENTS = ['', '  ', 'slow answer', 'great help', null];

/** A deterministic pseudo-random sequence (no flaky data: the same rooms every run). */
function sequence(seed: number) {
  let state = seed;
  return (n: number) => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return Math.floor((state / 2 ** 31) * n);
  };
}

/**
 * 240 rooms over the two weeks before 2026-11-16 and a little beyond: every agent and department
 * (and none), answered or not, answered up to two days after closing (so across the periods'
 * edges), comments blank or not, Rocket.Chat's answers without surveyFeedbackAt, link answers.
 */
function world(): Doc[] {
  const pick = sequence(38);
  const visitor = rocketChatVisitor();
  const start = Date.parse('2026-11-01T00:00:00Z');
  return Array.from({ length: 240 }, () => {
    const closedAt = new Date(start + pick(17 * 24) * HOUR + pick(60) * 60_000);
    const agent = AGENTS[pick(AGENTS.length)];
    const departmentId = DEPARTMENTS[pick(DEPARTMENTS.length)];
    const answered = pick(4) !== 0;
    const comment = COMMENTS[pick(COMMENTS.length)];
    const feedback = {
      satisfaction: String(1 + pick(5)),
      agentKnowledge: String(1 + pick(5)),
      ...(comment !== null && { additionalFeedback: comment }),
    };
    const storedByRocketChat = pick(5) === 0;
    return closedRocketChatRoom(visitor, {
      closedAt,
      ...(agent && { servedBy: { _id: `agent-${agent}`, username: agent, ts: closedAt } }),
      ...(departmentId && { departmentId }),
      ...(answered && { surveyFeedback: feedback }),
      ...(answered &&
        !storedByRocketChat && {
          surveyFeedbackAt: new Date(closedAt.getTime() + pick(48) * HOUR),
          ...(pick(3) === 0 && { surveyFeedbackSource: 'link' }),
        }),
    });
  });
}

describe('survey.dashboard: the page in one pass, the same figures as the single routes', () => {
  let t: TestApp;
  const key = apiKey();
  let rooms: Doc[];

  beforeAll(async () => {
    t = await createTestApp({ REPORTS_API_KEYS: key.digest });
    rooms = world();
    await t.rooms.insertMany(rooms);
    await t.db.collection('rocketchat_livechat_department').insertMany([
      { _id: 'dept-a', name: 'Sales' },
      { _id: 'dept-b', name: 'Support' },
    ] as never[]);
    // Links of rooms of every agent, some made in the previous week (outside the report's).
    await t.db.collection('livechat_survey_links').insertMany(
      rooms.slice(0, 40).map((room, i) => ({
        _id: `link-${i}`,
        rid: room._id,
        visitorId: 'v',
        createdAt: new Date(Date.parse('2026-11-05T00:00:00Z') + i * 6 * HOUR),
        expiresAt: new Date('2026-12-31T00:00:00Z'),
        ...(i % 3 === 0 && { openedAt: new Date(Date.parse('2026-11-05T00:00:00Z') + i * HOUR) }),
        ...(i % 4 === 0 && { answeredAt: new Date('2026-11-12T00:00:00Z') }),
      })) as never[],
    );
    // A follow-up resolved for one unhappy answer of the week.
    const unhappy = rooms.find(
      (room) =>
        (room.surveyFeedback as { satisfaction?: string } | undefined)?.satisfaction === '1' &&
        room.surveyFeedbackAt instanceof Date &&
        room.surveyFeedbackAt >= new Date('2026-11-09') &&
        room.surveyFeedbackAt < new Date('2026-11-16'),
    )!;
    const answeredAt = unhappy.surveyFeedbackAt as Date;
    await t.db.collection('livechat_survey_followups').insertOne({
      _id: unhappy._id,
      status: 'resolved',
      note: null,
      answeredAt,
      satisfaction: '1',
      updatedBy: { _id: 'm', username: 'manager' },
      updatedAt: new Date(answeredAt.getTime() + HOUR),
      firstResolvedAt: new Date(answeredAt.getTime() + HOUR),
      history: [],
    } as never);
  });
  afterAll(() => t.close());

  const get = async (route: string, query: Record<string, unknown>) => {
    const res = await t
      .http()
      .get(`/api/v1/livechat/${route}`)
      .query(query)
      .set('X-Api-Key', key.key);
    expect(res.status).toBe(200);
    return res.body as Record<string, unknown>;
  };
  const without = (query: Record<string, string>, name: string) =>
    Object.fromEntries(Object.entries(query).filter(([key]) => key !== name));

  /** What the page asked for in five calls, put as the dashboard answers it. */
  async function singleRoutes(query: Record<string, string>) {
    const days = await get('survey.report', { ...query, groupBy: 'day' });
    const weekdayHours = await get('survey.report', { ...query, groupBy: 'weekday-hour' });
    const agents = await get('survey.report', { ...without(query, 'agentId'), groupBy: 'agent' });
    const departments = await get('survey.report', {
      ...without(query, 'departmentId'),
      groupBy: 'department',
    });
    const { compare: _compare, ...filters } = query;
    const { success: _success, ...comments } = await get('survey.responses', {
      ...filters,
      hasComment: 'true',
      count: 10,
    });
    const { groups: _groups, success, ...head } = days;
    return {
      ...head,
      byDay: days.groups,
      byWeekdayHour: weekdayHours.groups,
      byAgent: agents.groups,
      byDepartment: departments.groups,
      comments,
      success,
    };
  }

  it.each<[string, Record<string, string>]>([
    ['no filter', {}],
    ['an agent', { agentId: 'agent-ann' }],
    ['a department', { departmentId: 'dept-a' }],
    ['both', { agentId: 'agent-bob', departmentId: 'dept-b' }],
    ['an agent no room has', { agentId: 'agent-nobody' }],
    ['a time zone', { tz: 'America/Sao_Paulo', departmentId: 'dept-b' }],
  ])('equals the single routes with %s, with and without compare', async (_, filters) => {
    for (const compare of [{}, { compare: 'previous' }] as Record<string, string>[]) {
      const query = { ...WEEK, ...filters, ...compare };
      const dashboard = await get('survey.dashboard', query);
      expect(dashboard).toEqual(await singleRoutes(query));
    }
  });

  it('has figures to compare: the world is not empty under the filters', async () => {
    const body = await get('survey.dashboard', {
      ...WEEK,
      agentId: 'agent-ann',
      compare: 'previous',
    });
    const summary = body.summary as { responses: number; previous: { responses: number } };
    expect(summary.responses).toBeGreaterThan(5);
    expect(summary.previous.responses).toBeGreaterThan(5);
    expect((body.comments as { total: number }).total).toBeGreaterThan(0);
    expect((body.byAgent as unknown[]).length).toBe(4);
    expect((body.links as { created: number }).created).toBeGreaterThan(0);
    expect((body.summary as { followups: { resolved: number } }).followups.resolved).toBe(1);
  });

  it('answers a bad parameter as survey.report does, and refuses groupBy', async () => {
    const bad = await t
      .http()
      .get(DASHBOARD)
      .query({ ...WEEK, compare: 'next' })
      .set('X-Api-Key', key.key);
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({
      success: false,
      error: 'compare must be previous [invalid-params]',
      errorType: 'invalid-params',
    });
    const grouped = await t
      .http()
      .get(DASHBOARD)
      .query({ ...WEEK, groupBy: 'day' })
      .set('X-Api-Key', key.key);
    expect(grouped.status).toBe(400);
    expect(grouped.body).toEqual({
      success: false,
      error: 'property groupBy should not exist [invalid-params]',
      errorType: 'invalid-params',
    });
  });

  it('needs credentials', async () => {
    const res = await t.http().get(DASHBOARD).query(WEEK);
    expect(res.status).toBe(401);
  });

  it('reads the rooms once', async () => {
    const commands = await t.captureCommands(() =>
      get('survey.dashboard', { ...WEEK, agentId: 'agent-ann', compare: 'previous' }),
    );
    const roomReads = commands.filter(
      (event) =>
        ['find', 'aggregate', 'count'].includes(event.commandName) &&
        event.command[event.commandName] === 'rocketchat_room',
    );
    expect(roomReads).toHaveLength(1);
  });
});
