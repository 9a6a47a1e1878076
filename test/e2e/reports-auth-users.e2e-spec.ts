import { createTestApp, type TestApp } from '../support/app';
import { hashLoginToken, rocketChatUser } from '../support/managers';

const UNAUTHORIZED =
  '{"success":false,"error":"You must be logged in to do this.","status":"error","message":"You must be logged in to do this."}';
const FORBIDDEN =
  '{"success":false,"error":"User does not have the permissions required for this action [error-unauthorized]"}';
const PERIOD = { from: '2026-11-01', to: '2026-12-01' };
const DAY_MS = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS);

/** A manager whose stored tokens are `entries(hashed)`, `hashed` being their token's hash. */
function managerWithTokens(entries: (hashed: string) => unknown) {
  const manager = rocketChatUser(['user', 'livechat-manager']);
  manager.user.services = { resume: { loginTokens: entries(hashLoginToken(manager.token)) } };
  return manager;
}

/** A Rocket.Chat personal access token as Rocket.Chat stores it: no `when`. */
const personalAccessToken = (hashedToken: string, createdAt: Date) => ({
  hashedToken,
  type: 'personalAccessToken',
  createdAt,
  lastTokenPart: 'abcdef',
  name: 'reports',
  bypassTwoFactor: false,
});

describe('which Rocket.Chat users and tokens open the manager routes', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const report = async (user: { user: { _id: string }; headers: Record<string, string> }) => {
    await t.db.collection('users').insertOne(user.user as never);
    const res = await t
      .http()
      .get('/api/v1/livechat/survey.report')
      .query(PERIOD)
      .set(user.headers);
    return [res.status, res.status === 200 ? 'ok' : res.text];
  };
  const setLoginExpiration = async (value: unknown) => {
    const settings = t.db.collection(t.config.collections.settings);
    await settings.deleteOne({ _id: 'Accounts_LoginExpiration' } as never);
    if (value !== undefined)
      await settings.insertOne({ _id: 'Accounts_LoginExpiration', value } as never);
  };

  it('refuses a deactivated user (active: false) with 401, on reports and on registering a webhook', async () => {
    const deactivated = rocketChatUser(['livechat-manager'], { active: false });
    expect(await report(deactivated)).toEqual([401, UNAUTHORIZED]);
    const hook = await t
      .http()
      .post('/api/v1/livechat/survey.webhooks')
      .set(deactivated.headers)
      .send({ url: 'https://hooks.example.com/survey' });
    expect([hook.status, hook.text]).toEqual([401, UNAUTHORIZED]);
    expect(await t.db.collection('livechat_survey_webhooks').countDocuments()).toBe(0);
  });

  it("expires a login token Accounts_LoginExpiration days after its `when` (Rocket.Chat's 90 unset, 0, negative or not a number)", async () => {
    const aged = (days: number) =>
      managerWithTokens((hashed) => [{ when: daysAgo(days), hashedToken: hashed }]);
    for (const value of [undefined, 0, -5, '500']) {
      await setLoginExpiration(value);
      expect([value, await report(aged(400))]).toEqual([value, [401, UNAUTHORIZED]]);
      expect([value, await report(aged(91))]).toEqual([value, [401, UNAUTHORIZED]]);
      expect([value, await report(aged(89))]).toEqual([value, [200, 'ok']]);
    }
    await setLoginExpiration(500);
    expect(await report(aged(400))).toEqual([200, 'ok']);
    await setLoginExpiration(2);
    expect(await report(aged(3))).toEqual([401, UNAUTHORIZED]);
    expect(await report(aged(1))).toEqual([200, 'ok']);
    await setLoginExpiration(undefined);
  });

  it('reads a `when` stored as milliseconds, as older Meteor versions stored it, with the same expiry', async () => {
    const numeric = managerWithTokens((hashed) => [
      { when: daysAgo(89).getTime(), hashedToken: hashed },
    ]);
    expect(await report(numeric)).toEqual([200, 'ok']);
  });

  it('never expires a personal access token (it has no `when`), whatever Accounts_LoginExpiration says', async () => {
    await setLoginExpiration(1);
    const pat = managerWithTokens((hashed) => [personalAccessToken(hashed, daysAgo(400))]);
    expect(await report(pat)).toEqual([200, 'ok']);
    await setLoginExpiration(undefined);
  });

  it.each<[string, Record<string, unknown>]>([
    ['roles a string', { roles: 'livechat-manager' }],
    ['roles a number', { roles: 7 }],
    ['roles an object', { roles: { 0: 'livechat-manager' } }],
    ['roles of non-strings', { roles: [null, 5, { role: 'admin' }] }],
    ['no roles', { roles: undefined }],
  ])('%s: 403, not a 500', async (_what, overrides) => {
    const user = rocketChatUser([], overrides);
    expect(await report(user)).toEqual([403, FORBIDDEN]);
  });

  // Nested arrays are left out: FerretDB refuses to store them.
  it.each<[string, (hashed: string) => Record<string, unknown>]>([
    ['no services', () => ({ services: undefined })],
    ['services a string', () => ({ services: 'resume' })],
    ['services null', () => ({ services: null })],
    ['resume a string', () => ({ services: { resume: 'x' } })],
    ['resume an array', () => ({ services: { resume: [] } })],
    [
      'loginTokens an object',
      (h) => ({ services: { resume: { loginTokens: { hashedToken: h } } } }),
    ],
    ['loginTokens a string', (h) => ({ services: { resume: { loginTokens: h } } })],
    [
      'hashedToken a number',
      () => ({ services: { resume: { loginTokens: [{ when: new Date(), hashedToken: 42 }] } } }),
    ],
    [
      'hashedToken an array',
      (h) => ({ services: { resume: { loginTokens: [{ when: new Date(), hashedToken: [h] }] } } }),
    ],
    [
      'when a string',
      (h) => ({
        services: { resume: { loginTokens: [{ when: new Date().toISOString(), hashedToken: h }] } },
      }),
    ],
    [
      'when a number past Accounts_LoginExpiration',
      (h) => ({
        services: { resume: { loginTokens: [{ when: daysAgo(91).getTime(), hashedToken: h }] } },
      }),
    ],
    [
      'no when, not a personal access token',
      (h) => ({ services: { resume: { loginTokens: [{ hashedToken: h }] } } }),
    ],
    ['active missing', () => ({ active: undefined })],
    ['active a string', () => ({ active: 'true' })],
  ])('%s: 401, not a 500', async (_what, shape) => {
    const user = rocketChatUser(['livechat-manager']);
    Object.assign(user.user, shape(hashLoginToken(user.token)));
    expect(await report(user)).toEqual([401, UNAUTHORIZED]);
  });

  it('finds the token among entries that are not tokens (null, a string, a number)', async () => {
    const user = managerWithTokens((hashed) => [
      null,
      'x',
      5,
      { when: new Date(), hashedToken: hashed },
    ]);
    expect(await report(user)).toEqual([200, 'ok']);
  });
});
