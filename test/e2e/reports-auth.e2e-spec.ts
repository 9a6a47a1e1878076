import { createTestApp, type TestApp } from '../support/app';
import { closedRocketChatRoom, rocketChatVisitor } from '../support/factories';
import { apiKey, rocketChatUser } from '../support/managers';

const UNAUTHORIZED =
  '{"success":false,"error":"You must be logged in to do this.","status":"error","message":"You must be logged in to do this."}';
const FORBIDDEN =
  '{"success":false,"error":"User does not have the permissions required for this action [error-unauthorized]"}';
const ROUTES = ['survey.report', 'survey.responses', 'survey.export.csv', 'survey.dashboard'];
const PERIOD = { from: '2026-11-01', to: '2026-12-01' };

describe('who may read survey reports', () => {
  let t: TestApp;
  const key = apiKey();
  const manager = rocketChatUser(['user', 'livechat-manager']);
  const admin = rocketChatUser(['admin']);
  const agent = rocketChatUser(['user', 'livechat-agent']);
  const visitor = rocketChatVisitor();

  beforeAll(async () => {
    t = await createTestApp({ REPORTS_API_KEYS: `${'0'.repeat(64)},${key.digest}` });
    await t.db.collection('users').insertMany([manager.user, admin.user, agent.user] as never);
    await t.visitors.insertOne(visitor);
    await t.rooms.insertOne(
      closedRocketChatRoom(visitor, { surveyFeedback: { satisfaction: '5' } }),
    );
  });
  afterAll(() => t.close());

  const get = (route: string, headers: Record<string, string>) =>
    t.http().get(`/api/v1/livechat/${route}`).query(PERIOD).set(headers);

  it.each(ROUTES)('%s: a livechat-manager, an admin and an API key are let in', async (route) => {
    for (const headers of [manager.headers, admin.headers, { 'X-Api-Key': key.key }]) {
      const res = await get(route, headers);
      expect(res.status).toBe(200);
    }
  });

  it.each(ROUTES)("%s: no credentials → 401 with Rocket.Chat 8's exact body", async (route) => {
    const res = await get(route, {});
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.text).toBe(UNAUTHORIZED);
  });

  it.each(ROUTES)('%s: a user without a manager role → 403', async (route) => {
    const res = await get(route, agent.headers);
    expect(res.status).toBe(403);
    expect(res.text).toBe(FORBIDDEN);
  });

  it('401 for a wrong token, an unknown user, a half pair, a wrong or empty API key', async () => {
    const attempts: Array<Record<string, string>> = [
      { ...manager.headers, 'X-Auth-Token': 'wrong' },
      { ...manager.headers, 'X-User-Id': 'nobody' },
      { 'X-User-Id': manager.user._id },
      { 'X-Auth-Token': manager.token },
      // The stored hash itself is no credential.
      {
        ...manager.headers,
        'X-Auth-Token': (
          manager.user.services as never as {
            resume: { loginTokens: Array<{ hashedToken: string }> };
          }
        ).resume.loginTokens[1].hashedToken,
      },
      { 'X-Api-Key': 'wrong' },
      { 'X-Api-Key': key.digest },
      { 'X-Api-Key': '' },
    ];
    for (const headers of attempts) {
      const res = await get('survey.report', headers);
      expect([res.status, res.text]).toEqual([401, UNAUTHORIZED]);
    }
  });

  it('never lets a visitor token in', async () => {
    const res = await t
      .http()
      .get('/api/v1/livechat/survey.report')
      .query({ ...PERIOD, token: visitor.token })
      .set({ 'X-Auth-Token': visitor.token, 'X-User-Id': visitor._id });
    expect([res.status, res.text]).toEqual([401, UNAUTHORIZED]);
    expect(res.text).not.toContain(visitor.token);
  });

  it('judges credentials before parameters', async () => {
    const res = await t.http().get('/api/v1/livechat/survey.report').query({ from: 'x' });
    expect(res.status).toBe(401);
  });
});

describe('report rate limits', () => {
  let t: TestApp;
  const manager = rocketChatUser(['livechat-manager']);
  const other = rocketChatUser(['livechat-manager']);

  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_MAX: '3', REPORTS_RATE_LIMIT_MAX: '4' });
    await t.db.collection('users').insertMany([manager.user, other.user] as never);
  });
  afterAll(() => t.close());

  const report = (headers: Record<string, string>) =>
    t.http().get('/api/v1/livechat/survey.report').query(PERIOD).set(headers);

  it('counts authenticated calls per credential, with the budget in the X-RateLimit headers', async () => {
    const remaining: string[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await report(manager.headers).expect(200);
      expect(res.headers['x-ratelimit-limit']).toBe('4');
      remaining.push(res.headers['x-ratelimit-remaining']);
    }
    expect(remaining).toEqual(['3', '2', '1', '0']);
    const over = await report(manager.headers);
    expect(over.status).toBe(429);
    expect(over.body).toEqual({
      success: false,
      error: expect.stringMatching(
        /^Error, too many requests\. Please slow down\. You must wait \d+ seconds before trying this endpoint again\. \[error-too-many-requests\]$/,
      ) as unknown,
    });
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
    // Another credential from the same address has its own budget.
    await report(other.headers).expect(200);
  });

  it('counts failed sign-ins per IP, the attempts left in each 401; good ones use none; once over, even a good credential waits', async () => {
    const wrong = { ...other.headers, 'X-Auth-Token': 'guess' };
    const left: string[] = [];
    for (let i = 0; i < 3; i++) {
      // Counted before the check, given back once it holds: never refused, never using up an attempt.
      await report(other.headers).expect(200);
      const failed = await report(wrong);
      expect([failed.status, failed.text]).toEqual([401, UNAUTHORIZED]);
      expect(failed.headers['x-ratelimit-limit']).toBe('3');
      expect(Number(failed.headers['x-ratelimit-reset'])).toBeGreaterThan(Date.now());
      left.push(failed.headers['x-ratelimit-remaining']);
    }
    expect(left).toEqual(['2', '1', '0']);
    expect((await report(wrong)).status).toBe(429);
    // A right guess is not confirmed while the address is blocked.
    for (const route of ROUTES) {
      const right = await t
        .http()
        .get(`/api/v1/livechat/${route}`)
        .query(PERIOD)
        .set(other.headers);
      expect(right.status).toBe(429);
      expect(Number(right.headers['retry-after'])).toBeGreaterThan(0);
    }
  });
});
