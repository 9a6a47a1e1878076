import { Logger } from '@nestjs/common';
import { REPORTS_API_KEYS_WARNING } from '../../src/reports/api-keys';
import { lacksScope, SCOPE_ROUTES, SCOPES, type Scope } from '../../src/reports/scopes';
import { LINKS_COLLECTION } from '../../src/survey-links/survey-link.schema';
import { WEBHOOKS_COLLECTION } from '../../src/webhooks/webhook.schema';
import { createTestApp, type TestApp } from '../support/app';
import { closedRocketChatRoom, rocketChatVisitor } from '../support/factories';
import { apiKey, rocketChatUser, scopedApiKey } from '../support/managers';
import { runScript } from '../support/scripts';

const B = '/api/v1/livechat';
type Headers = Record<string, string>;
const PERIOD = { from: '2026-11-01', to: '2026-12-01' };
const refusedFor = (scope: Scope) => ({ success: false, error: lacksScope(scope) });

/** `npm run api-key -- <args>`: its exit code, the printed key and API_KEYS entry. */
function apiKeyScript(...args: string[]) {
  const run = runScript('scripts/api-key.ts', {}, undefined, ...args);
  const key = /header X-Api-Key\): (\S+)/.exec(run.output)?.[1];
  const entry = /^API_KEYS entry \(add it to API_KEYS, entries comma-separated\): (\S+)$/m.exec(
    run.output,
  )?.[1];
  return { ...run, key, entry, header: { 'X-Api-Key': key ?? '' } };
}

describe('scoped API keys (API_KEYS), REPORTS_API_KEYS read only', () => {
  let t: TestApp;
  const reader = scopedApiKey('reports:read');
  const hooks = scopedApiKey('webhooks:manage');
  const links = scopedApiKey('survey-links:create');
  const followUps = scopedApiKey('followups:write');
  const legacy = apiKey();
  const both = scopedApiKey('webhooks:manage');
  const manager = rocketChatUser(['user', 'livechat-manager']);
  const made = apiKeyScript('--scope', 'webhooks:manage', '--scope', 'survey-links:create');
  // From start-up to the end of the describe: once means once, requests included.
  let warn: jest.SpyInstance;
  const warnings = () => warn.mock.calls.map(([message]) => String(message));

  beforeAll(async () => {
    warn = jest.spyOn(Logger.prototype, 'warn');
    t = await createTestApp({
      API_KEYS:
        [reader, hooks, links, followUps, both].map((k) => k.entry).join(',') + `,${made.entry}`,
      REPORTS_API_KEYS: `${legacy.digest},${both.digest}`,
      PUBLIC_URL: 'https://survey.example.com',
    });
    await t.db.collection('users').insertOne(manager.user as never);
  });
  afterAll(async () => {
    warn.mockRestore();
    await t.close();
  });

  const closedRoom = async (overrides: Record<string, unknown> = {}) => {
    const visitor = rocketChatVisitor();
    const room = closedRocketChatRoom(visitor, overrides);
    await t.visitors.insertOne(visitor);
    await t.rooms.insertOne(room);
    return room._id;
  };
  /** A room whose answer is in the follow-up queue. */
  const unhappyRoom = () =>
    closedRoom({
      surveyFeedback: { satisfaction: '1' },
      surveyFeedbackAt: new Date('2026-11-01T10:15:00.000Z'),
    });
  /** One route of each family, called with `headers`. */
  const call = {
    'reports:read': (headers: Headers) =>
      t.http().get(`${B}/survey.report`).query(PERIOD).set(headers),
    'webhooks:manage': (headers: Headers) => t.http().get(`${B}/survey.webhooks`).set(headers),
    'survey-links:create': async (headers: Headers) =>
      t
        .http()
        .post(`${B}/survey.link`)
        .set(headers)
        .send({ rid: await closedRoom() }),
    'followups:write': async (headers: Headers) =>
      t
        .http()
        .post(`${B}/survey.followup`)
        .set(headers)
        .send({ rid: await unhappyRoom(), status: 'contacted' }),
  };
  const families = Object.keys(call) as Array<keyof typeof call>;

  it.each([
    ['reports:read', reader.header, ['reports:read']],
    ['webhooks:manage', hooks.header, ['webhooks:manage']],
    ['survey-links:create', links.header, ['survey-links:create']],
    ['followups:write', followUps.header, ['followups:write']],
    ['REPORTS_API_KEYS (read only)', { 'X-Api-Key': legacy.key }, ['reports:read']],
    ['a digest in both settings (the union)', both.header, ['reports:read', 'webhooks:manage']],
    ['a Rocket.Chat manager (every scope)', manager.headers, families],
  ])('%s: 200 on its routes, 403 naming the scope on the others', async (_, headers, allowed) => {
    for (const family of families) {
      const res = await call[family](headers);
      if (allowed.includes(family)) expect(res.status).toBe(200);
      else expect([res.status, res.body]).toEqual([403, refusedFor(family)]);
    }
  });

  it('stores nothing for a refused write', async () => {
    const stored = () =>
      Promise.all(
        [WEBHOOKS_COLLECTION, LINKS_COLLECTION].map((c) => t.db.collection(c).countDocuments()),
      );
    const before = await stored();
    const hook = await t
      .http()
      .post(`${B}/survey.webhooks`)
      .set(reader.header)
      .send({ url: 'https://93.184.215.14/hook' });
    const link = await call['survey-links:create'](hooks.header);
    expect([hook.status, hook.body]).toEqual([403, refusedFor('webhooks:manage')]);
    expect([link.status, link.body]).toEqual([403, refusedFor('survey-links:create')]);
    expect(await stored()).toEqual(before);
  });

  it('warns once at start that REPORTS_API_KEYS keys only read now, naming API_KEYS', () => {
    expect(warnings().filter((message) => message === REPORTS_API_KEYS_WARNING)).toHaveLength(1);
    expect(REPORTS_API_KEYS_WARNING).toContain('API_KEYS instead');
    expect(REPORTS_API_KEYS_WARNING).toContain(
      'can no longer manage webhooks or make survey links',
    );
  });

  it('npm run api-key -- --scope a --scope b: a key that holds exactly those scopes', async () => {
    expect(made.status).toBe(0);
    expect(made.output).toMatch(/^scopes: webhooks:manage, survey-links:create$/m);
    expect(made.entry).toMatch(/^[0-9a-f]{64}:webhooks:manage\+survey-links:create$/);
    expect((await call['webhooks:manage'](made.header)).status).toBe(200);
    expect((await call['survey-links:create'](made.header)).status).toBe(200);
    const report = await call['reports:read'](made.header);
    expect([report.status, report.body]).toEqual([403, refusedFor('reports:read')]);
  });
});

describe("the API document's scopes, as the guard enforces them", () => {
  let t: TestApp;
  /** A key for each scope, holding every scope but that one. */
  const allBut = Object.fromEntries(
    SCOPES.map((scope) => [scope, scopedApiKey(...SCOPES.filter((other) => other !== scope))]),
  ) as Record<Scope, ReturnType<typeof scopedApiKey>>;

  beforeAll(async () => {
    t = await createTestApp({
      API_KEYS: Object.values(allBut)
        .map((k) => k.entry)
        .join(','),
    });
  });
  afterAll(() => t.close());

  it('states a scope on every operation open to API keys, and a key without it gets 403 naming it', async () => {
    const document = (await t.http().get('/api-docs-json').expect(200)).body as {
      paths: Record<string, Record<string, { security?: object[]; 'x-required-scope'?: Scope }>>;
    };
    const stated: string[] = [];
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        if (!operation.security?.some((requirement) => 'api-key' in requirement)) continue;
        const scope = operation['x-required-scope']!;
        stated.push(`${method} ${path} ${scope}`);
        const res = await t
          .http()
          [method as 'get' | 'post' | 'delete' | 'patch' | 'put'](path.replace(/\{[^}]+\}/g, 'x'))
          .set(allBut[scope].header);
        expect([`${method} ${path}`, res.status, res.body]).toEqual([
          `${method} ${path}`,
          403,
          refusedFor(scope),
        ]);
      }
    }
    expect(stated).toEqual(
      expect.arrayContaining([
        'get /api/v1/livechat/survey.report reports:read',
        'post /api/v1/livechat/survey.webhooks webhooks:manage',
        'post /api/v1/livechat/survey.link survey-links:create',
      ]),
    );
    // The security scheme's list of what each scope opens names each of that scope's routes.
    const unlisted = stated.filter((line) => {
      const [, path, scope] = line.split(' ') as [string, string, Scope];
      return !SCOPE_ROUTES[scope].split(/[ ,]+/).includes(path.split('/')[4]);
    });
    expect(unlisted).toEqual([]);
  });
});

describe('npm run api-key', () => {
  it('takes --scope a,b as --scope a --scope b, and reports:read without --scope', () => {
    expect(apiKeyScript('--scope', 'reports:read,followups:write').entry).toMatch(
      /^[0-9a-f]{64}:reports:read\+followups:write$/,
    );
    expect(apiKeyScript().entry).toMatch(/^[0-9a-f]{64}:reports:read$/);
  });

  it('refuses an unknown scope with exit 1, printing no key', () => {
    const run = apiKeyScript('--scope', 'reports:write');
    expect(run.status).toBe(1);
    // The message alone: no key, no digest.
    expect(run.output).toBe(
      'api-key: unknown scope "reports:write"\nusage: npm run api-key -- [--scope <scope>]... ' +
        '(scopes: reports:read, webhooks:manage, survey-links:create, followups:write; default reports:read)\n',
    );
  });
});

describe('a refused scope and the rate limits', () => {
  let t: TestApp;
  const hooks = scopedApiKey('webhooks:manage');

  let warn: jest.SpyInstance;

  beforeAll(async () => {
    warn = jest.spyOn(Logger.prototype, 'warn');
    t = await createTestApp({
      API_KEYS: hooks.entry,
      RATE_LIMIT_MAX: '3',
      REPORTS_RATE_LIMIT_MAX: '2',
    });
  });
  afterAll(async () => {
    warn.mockRestore();
    await t.close();
  });

  it('logs no REPORTS_API_KEYS warning without REPORTS_API_KEYS', () => {
    expect(warn.mock.calls.flat()).not.toContain(REPORTS_API_KEYS_WARNING);
  });

  const report = (headers: Headers) =>
    t.http().get(`${B}/survey.report`).query(PERIOD).set(headers);

  it("counts against the key's own budget, in its headers, and never as a failed sign-in", async () => {
    const remaining: string[] = [];
    for (let i = 0; i < 2; i++) {
      const res = await report(hooks.header);
      expect([res.status, res.body]).toEqual([403, refusedFor('reports:read')]);
      expect(res.headers['x-ratelimit-limit']).toBe('2');
      remaining.push(res.headers['x-ratelimit-remaining']);
    }
    expect(remaining).toEqual(['1', '0']);
    expect((await report(hooks.header)).status).toBe(429);
    const wrong = await report({ 'X-Api-Key': 'wrong' });
    expect([wrong.status, wrong.headers['x-ratelimit-remaining']]).toEqual([401, '2']);
  });
});
