import { createTestApp, type TestApp } from '../support/app';
import { closedRocketChatRoom, rocketChatVisitor, type Doc } from '../support/factories';
import { apiKey } from '../support/managers';

const PERIOD = { from: '2026-03-01', to: '2026-04-01' };
const SMITH = { _id: 'agentId0000000001', username: 'agent.smith' };
const ANN = { _id: 'agentAnn000000001', username: 'ann' };

/**
 * Rooms of March 2026: Smith (renamed since in Rocket.Chat) in Sales, Ann (no display name) in
 * a department since deleted, and one room without agent or department.
 */
function marchRooms(): Doc[] {
  const visitor = rocketChatVisitor();
  const room = (day: number, fields: Record<string, unknown>) =>
    closedRocketChatRoom(visitor, {
      closedAt: new Date(Date.UTC(2026, 2, day, 10)),
      surveyFeedbackAt: new Date(Date.UTC(2026, 2, day, 11)),
      surveyFeedback: { satisfaction: String((day % 5) + 1) },
      ...fields,
    });
  return [
    room(1, { servedBy: SMITH, departmentId: 'salesDeptId000001' }),
    room(2, { servedBy: SMITH, departmentId: 'salesDeptId000001' }),
    room(3, { servedBy: ANN, departmentId: 'deletedDept000001' }),
    room(31, { servedBy: undefined, departmentId: undefined }),
  ];
}

async function seed(t: TestApp): Promise<Doc[]> {
  const rooms = marchRooms();
  await t.rooms.insertMany(rooms);
  await t.db.collection('users').insertMany([
    { _id: SMITH._id, username: 'j.smith', name: 'Agent Smith', roles: ['livechat-agent'] },
    { _id: ANN._id, username: 'ann', roles: ['livechat-agent'] },
  ] as never[]);
  await t.db
    .collection('rocketchat_livechat_department')
    .insertOne({ _id: 'salesDeptId000001', name: 'Sales, EU' } as never);
  return rooms;
}

describe('survey answers speak names: rows, CSV, links', () => {
  const key = apiKey();
  let t: TestApp;
  let linked: TestApp;
  let rooms: Doc[];
  let linkedRooms: Doc[];

  beforeAll(async () => {
    const env = { REPORTS_API_KEYS: key.digest, REPORTS_MAX_RANGE_DAYS: '31' };
    [t, linked] = await Promise.all([
      createTestApp(env),
      createTestApp({ ...env, ROCKETCHAT_URL: 'https://chat.example.com/' }),
    ]);
    [rooms, linkedRooms] = await Promise.all([seed(t), seed(linked)]);
  });
  afterAll(() => Promise.all([t.close(), linked.close()]));

  const get = (app: TestApp, route: string, query: Record<string, unknown> = PERIOD) =>
    app.http().get(`/api/v1/livechat/${route}`).query(query).set('X-Api-Key', key.key);

  it("names each row's agent and department, and links nowhere without ROCKETCHAT_URL", async () => {
    const res = await get(t, 'survey.responses');
    expect(res.status).toBe(200);
    const fields = res.body.responses.map(
      (row: { agent: unknown; department: unknown; link: unknown }) => [
        row.agent,
        row.department,
        row.link,
      ],
    );
    expect(fields).toEqual([
      [null, null, null],
      [{ ...ANN, name: null }, { _id: 'deletedDept000001', name: null }, null],
      [{ ...SMITH, name: 'Agent Smith' }, { _id: 'salesDeptId000001', name: 'Sales, EU' }, null],
      [{ ...SMITH, name: 'Agent Smith' }, { _id: 'salesDeptId000001', name: 'Sales, EU' }, null],
    ]);
    expect(res.body.responses.map((row: { rid: string }) => row.rid)).toEqual(
      [3, 2, 1, 0].map((i) => rooms[i]._id),
    );
    expect(res.body.responses[2].departmentId).toBe('salesDeptId000001');
  });

  it('links each row to its conversation in Rocket.Chat when ROCKETCHAT_URL is set', async () => {
    const res = await get(linked, 'survey.responses', { ...PERIOD, agentId: ANN._id });
    expect(res.body.responses).toEqual([
      expect.objectContaining({
        rid: linkedRooms[2]._id,
        link: `https://chat.example.com/live/${linkedRooms[2]._id}`,
      }),
    ]);
  });

  it('exports the names at the end, the file named by the last day it holds', async () => {
    const res = await get(t, 'survey.export.csv', { ...PERIOD, departmentId: 'salesDeptId000001' });
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="survey-responses_2026-03-01_2026-03-31.csv"',
    );
    const [header, ...lines] = res.text.split('\r\n').filter(Boolean);
    expect(header).toBe(
      'rid,submittedAt,ts,closedAt,agentId,agentUsername,departmentId,satisfaction,agentKnowledge,agentResposiveness,agentFriendliness,comment,source,agentCurrentUsername,agentName,departmentName',
    );
    expect(lines.map((line) => line.split(',').slice(4, 7).join())).toEqual([
      'agentId0000000001,agent.smith,salesDeptId000001',
      'agentId0000000001,agent.smith,salesDeptId000001',
    ]);
    for (const line of lines) expect(line).toMatch(/,widget,j\.smith,Agent Smith,"Sales, EU"$/);
  });

  it('names a period ending at a local time by the day it ends in, empty names when unknown', async () => {
    const res = await get(t, 'survey.export.csv', {
      from: '2026-03-03',
      to: '2026-03-31T18:00',
      tz: 'Asia/Kathmandu',
    });
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="survey-responses_2026-03-03_2026-03-31.csv"',
    );
    expect(res.text.split('\r\n').filter(Boolean).slice(1)).toEqual([
      expect.stringMatching(/,agentAnn000000001,ann,deletedDept000001,.*,widget,ann,,$/),
      expect.stringMatching(/,,,,.*,widget,,,$/),
    ]);
  });

  it('reads the names once per export, not once per row', async () => {
    const commands = await t.captureCommands(() => get(t, 'survey.export.csv'));
    const reads = commands
      .filter((command) => command.commandName === 'find')
      .map((command) => command.command.find as string);
    expect(reads.filter((name) => name === 'users')).toHaveLength(1);
    expect(reads.filter((name) => name === 'rocketchat_livechat_department')).toHaveLength(1);
  });

  it.each(['GET', 'HEAD'] as const)(
    '%s / leads to the reports page (302, the query kept)',
    async (method) => {
      const http = t.http();
      const call = (path: string) => (method === 'GET' ? http.get(path) : http.head(path));
      const res = await call('/');
      expect([res.status, res.headers.location]).toEqual([302, '/reports/']);
      const shared = await t.http().get('/?from=2026-03-01');
      expect([shared.status, shared.headers.location]).toEqual([302, '/reports/?from=2026-03-01']);
    },
  );

  it('POST / is still no route', async () => {
    const res = await t.http().post('/');
    expect([res.status, res.body]).toEqual([404, { success: false, error: 'Not found' }]);
  });
});
