import { readFile } from 'node:fs/promises';
import { MongoClient } from 'mongodb';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, runAxe, watchConsole } from '../support/browser';
import { seedDemo, type DemoCredentials } from '../support/demo-data';
import { closedRocketChatRoom, rocketChatVisitor } from '../support/factories';
import { rocketChatUser, scopedApiKey } from '../support/managers';
import {
  apiJson,
  dayIn,
  expectedCards,
  shownCards,
  until,
  type Report,
} from '../support/reports-page';
import { startService, type RunningService } from '../support/service';

const TZ = 'Europe/Paris';
/** Fewer satisfaction answers than this: the agent's CSAT is marked as a small sample. */
const SMALL_SAMPLE = 30;
/** An agent of the Support department with exactly SMALL_SAMPLE answers in the last 7 days. */
const BUSY_AGENT = { _id: 'busyAgent00000001', username: 'busy.agent' };

/** SMALL_SAMPLE surveyed rooms of BUSY_AGENT in Support, closed in the last 30 hours. */
function busyAgentRooms() {
  const visitor = rocketChatVisitor();
  return Array.from({ length: SMALL_SAMPLE }, (_, i) => {
    const closedAt = new Date(Date.now() - (i + 1) * 3_600_000);
    const ts = new Date(closedAt.getTime() - 600_000);
    return closedRocketChatRoom(visitor, {
      ts,
      closedAt,
      servedBy: { ...BUSY_AGENT, ts },
      departmentId: 'demoDeptSupport01',
      surveyFeedback: { satisfaction: String((i % 5) + 1) },
      surveyFeedbackAt: new Date(closedAt.getTime() + 60_000),
    });
  });
}

/**
 * The reports page (web/, built into dist/web) served by the built service, on the run's real
 * database with the demo data, driven in Debian's chromium.
 */
describe('the reports page in a real browser', () => {
  let service: RunningService;
  let browser: Browser;
  let demo: DemoCredentials;
  const agent = rocketChatUser(['user', 'livechat-agent']);
  // A key for webhooks only: it may not read reports.
  const hooksOnlyKey = scopedApiKey('webhooks:manage');
  let manager: Record<string, string>;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    const uri = `${process.env.TEST_MONGODB_URL!.replace(/\/$/, '')}/reports_page_${process.pid}`;
    demo = await seedDemo(uri, 600);
    manager = { 'X-User-Id': demo.userId, 'X-Auth-Token': demo.token };
    const client = await MongoClient.connect(uri);
    await client
      .db()
      .collection('users')
      .insertOne(agent.user as never);
    await client
      .db()
      .collection('rocketchat_room')
      .insertMany(busyAgentRooms() as never);
    await client.close();
    [service, browser] = await Promise.all([
      startService({
        MONGODB_URI: uri,
        API_KEYS: `${demo.apiKeysEntry},${hooksOnlyKey.entry}`,
        LOG_LEVEL: 'silent',
      }),
      launchChromium(),
    ]);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    expect(await service?.stop()).toBe(0);
  });

  const open = async (): Promise<Page> => {
    const context = await browser.newContext({
      timezoneId: TZ,
      locale: 'en-US',
      acceptDownloads: true,
      viewport: { width: 1280, height: 800 },
    });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${service.url}/reports/`);
    return page;
  };
  const report = (params: Record<string, string>, groupBy?: string) =>
    apiJson<Report>(
      service.url,
      'survey.report',
      groupBy ? { ...params, groupBy } : params,
      manager,
    );
  const period = (days: number) => ({ from: dayIn(TZ, 1 - days), to: dayIn(TZ, 1), tz: TZ });
  const rowKeys = (page: Page, section: string) =>
    page.$$eval(`#${section} tbody tr`, (rows) => rows.map((r) => r.getAttribute('data-key')));

  it('is served at /reports/ with scripts from self only; /reports redirects; 404s are unchanged', async () => {
    const page = await fetch(`${service.url}/reports/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self';");
    expect(await page.text()).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    const bare = await fetch(`${service.url}/reports?period=7`, { redirect: 'manual' });
    expect([bare.status, bare.headers.get('location')]).toEqual([301, '/reports/?period=7']);
    for (const path of ['/reports/missing.js', '/reports/.vite/manifest.json', '/nothing']) {
      const res = await fetch(`${service.url}${path}`);
      expect([path, res.status, await res.text()]).toEqual([
        path,
        404,
        '{"success":false,"error":"Not found"}',
      ]);
    }
  });

  it("a manager signs in by keyboard, sees the API's numbers follow the filters, sorts agents, downloads the CSV, signs out", async () => {
    const page = await open();
    const console = watchConsole(page);
    // The language menu comes first, for a reader who cannot read the page's current language.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('language');
    for (const text of [demo.userId, demo.token]) {
      await page.keyboard.press('Tab');
      await page.keyboard.type(text);
    }
    await page.keyboard.press('Enter');

    // The default view: the last 30 days in the browser's time zone.
    let params: Record<string, string> = period(30);
    await until(() => shownCards(page), expectedCards(await report(params)));
    expect(page.url()).toBe(`${service.url}/reports/?period=30&tz=Europe%2FParis`);

    await page.selectOption('#period', { label: 'Last 7 days' });
    params = period(7);
    await until(() => shownCards(page), expectedCards(await report(params)));

    await page.selectOption('#department', { label: 'Support' });
    params = { ...params, departmentId: 'demoDeptSupport01' };
    await until(() => shownCards(page), expectedCards(await report(params)));
    expect(page.url()).toBe(
      `${service.url}/reports/?period=7&tz=Europe%2FParis&department=demoDeptSupport01`,
    );

    // Agents: every agent of the department, sorted by CSAT, highest first, then lowest.
    const agents = (await report(params, 'agent')).groups!;
    const byCsat = (direction: number) =>
      [...agents]
        .sort((a, b) =>
          a.csat === null || b.csat === null
            ? Number(a.csat === null) - Number(b.csat === null)
            : (a.csat - b.csat) * direction,
        )
        .map((g) => g.key ?? '');
    const csatHeader = page.locator('#agents th', {
      has: page.getByRole('button', { name: 'CSAT', exact: true }),
    });
    await page.locator('#agents').getByRole('button', { name: 'CSAT', exact: true }).click();
    await until(() => rowKeys(page, 'agents'), byCsat(-1));
    expect(await csatHeader.getAttribute('aria-sort')).toBe('descending');
    await page.locator('#agents').getByRole('button', { name: 'CSAT', exact: true }).press('Enter');
    await until(() => rowKeys(page, 'agents'), byCsat(1));
    expect(await csatHeader.getAttribute('aria-sort')).toBe('ascending');
    // A small sample (under 30 satisfaction answers) is marked in words; the busy agent's 30
    // answers are not, the demo agents' few are.
    const marked = await page.$$eval('#agents tbody tr', (rows) =>
      rows.map((r) => r.querySelector('[data-column=csat]')!.textContent.includes('small sample')),
    );
    const answers = (key: string) =>
      agents.find((g) => (g.key ?? '') === key)!.items.satisfaction?.count ?? 0;
    expect(answers(BUSY_AGENT._id)).toBe(SMALL_SAMPLE);
    const small = byCsat(1).map((key) => answers(key) < SMALL_SAMPLE);
    expect(small).toContain(true);
    expect(marked).toEqual(small);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    const exported = await fetch(
      `${service.url}/api/v1/livechat/survey.export.csv?${new URLSearchParams(params).toString()}`,
      { headers: manager },
    );
    // `to` is excluded: the file is named by the last day it holds, today.
    expect(download.suggestedFilename()).toBe(
      `survey-responses_${params.from}_${dayIn(TZ, 0)}.csv`,
    );
    expect(await readFile(await download.path(), 'utf8')).toBe(await exported.text());

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    expect(console.unexpected()).toEqual([]);
  });

  it('a shared link opens its view; a custom range is applied whole; empty and refused periods say so', async () => {
    const page = await open();
    const console = watchConsole(page);
    await page.getByLabel('API key').fill(demo.apiKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('[data-card="responses"]').waitFor();

    const [from, to] = [dayIn('UTC', -20), dayIn('UTC', -6)];
    await page.goto(
      `${service.url}/reports/?period=custom&from=${from}&to=${to}&tz=UTC&department=demoDeptSales0001`,
    );
    const shared = { from, to: dayIn('UTC', -5), tz: 'UTC', departmentId: 'demoDeptSales0001' };
    await until(() => shownCards(page), expectedCards(await report(shared)));
    expect(
      await page.$$eval('.filters select, .filters input', (fields) =>
        fields.map((f) => (f as unknown as { value: string }).value),
      ),
    ).toEqual(['custom', from, to, 'UTC', 'demoDeptSales0001', '']);

    await page.getByLabel('From', { exact: true }).fill('2020-01-01');
    await page.getByLabel('To (included)').fill('2020-01-07');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByText('No chats and no survey responses in this period.').waitFor();
    await page.getByText('No comments in this period.').waitFor();

    // Longer than REPORTS_MAX_RANGE_DAYS: every call refused alike, so the API's message once,
    // at the top, and in no section.
    await page.getByLabel('From', { exact: true }).fill('2018-01-01');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.locator('#page-error').waitFor();
    expect(await page.getByRole('alert').allTextContents()).toEqual([
      'Could not load the reports. The service answered 400: the period must not be longer than 366 days [invalid-params]',
    ]);
    expect(await page.locator('main section [role="alert"]').count()).toBe(0);
    const refused = /Failed to load resource: the server responded with a status of 400/;
    expect(console.unexpected([refused])).toEqual([]);
  });

  it('each view of the overview is one call, survey.dashboard: one pass over the rooms', async () => {
    const page = await open();
    await page.getByLabel('API key').fill(demo.apiKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await until(() => shownCards(page), expectedCards(await report(period(30))));
    const calls: string[] = [];
    page.on('request', (request) => {
      const { pathname } = new URL(request.url());
      if (pathname.startsWith('/api/v1/livechat/')) calls.push(pathname.split('/').at(-1)!);
    });
    await page.selectOption('#period', { label: 'Last 7 days' });
    await until(() => shownCards(page), expectedCards(await report(period(7))));
    await page.locator('#comments blockquote').first().waitFor();
    await page.selectOption('#department', { label: 'Support' });
    const support = { ...period(7), departmentId: 'demoDeptSupport01' };
    await until(() => shownCards(page), expectedCards(await report(support)));
    expect(calls).toEqual(['survey.dashboard', 'survey.dashboard']);
  });

  it('signed in with an API key: axe finds no serious or critical violation', async () => {
    const page = await open();
    const console = watchConsole(page);
    await page.getByLabel('API key').fill(demo.apiKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await until(() => shownCards(page), expectedCards(await report(period(30))));
    await page.locator('#comments blockquote').first().waitFor();
    await page.locator('#agents tbody tr').first().waitFor();
    const violations = await runAxe(page);
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
    expect(console.unexpected()).toEqual([]);
  });

  it('three wrong tokens, then the right one: one attempt each, the attempts left shown, every section loaded', async () => {
    const page = await open();
    const console = watchConsole(page);
    const left: number[] = [];
    // Whether the form still held the user ID at each retry: only the token needs correcting.
    const kept: boolean[] = [];
    for (const typo of ['wrong-1', 'wrong-2', 'wrong-3']) {
      if (left.length) kept.push((await page.getByLabel('User ID').inputValue()) === demo.userId);
      await page.getByLabel('User ID').fill(demo.userId);
      await page.getByLabel('Token').fill(typo);
      const [refused] = await Promise.all([
        page.waitForResponse((res) => res.url().includes('/api/v1/livechat/')),
        page.getByRole('button', { name: 'Sign in' }).click(),
      ]);
      expect(refused.status()).toBe(401);
      left.push(Number(refused.headers()['x-ratelimit-remaining']));
      await until(
        () => page.getByRole('alert').textContent(),
        'Sign-in failed (401): the user ID and token, or the API key, were not accepted. Check them and sign in again. ' +
          `${left.at(-1)} attempts left before sign-in from this address is paused.`,
      );
    }
    expect(left).toEqual([left[0], left[0] - 1, left[0] - 2]);
    expect(kept).toEqual([true, true]);

    await page.getByLabel('Token').fill(demo.token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await until(() => shownCards(page), expectedCards(await report(period(30))));
    const sections = () =>
      page.$$eval('main section', (all) =>
        all.map((s) => `${s.id}: ${s.querySelector('[role="alert"]')?.textContent ?? 'loaded'}`),
      );
    await page.locator('main section[aria-busy="true"]').first().waitFor({ state: 'detached' });
    expect(await sections()).toEqual(
      ['summary', 'sources', 'trend', 'distribution', 'agents', 'departments', 'comments'].map(
        (id) => `${id}: loaded`,
      ),
    );
    expect(console.unexpected([/the server responded with a status of 401/])).toEqual([]);
  });

  it.each([
    ['a wrong token', 401, () => ({ id: demo.userId, token: 'wrong' }), /Sign-in failed \(401\)/],
    [
      'a user without a manager role',
      403,
      () => ({ id: agent.user._id, token: agent.token }),
      /Access denied \(403\): this user is neither/,
    ],
    [
      'an API key without the scope reports:read',
      403,
      () => ({ id: '', token: '', key: hooksOnlyKey.key }),
      /Access denied \(403\): this API key lacks the scope reports:read\./,
    ],
  ])(
    '%s: the form again, with the %d message, and nothing kept',
    async (_what, status, who, message) => {
      const page = await open();
      const console = watchConsole(page);
      const { id, token, key }: { id: string; token: string; key?: string } = who();
      if (key !== undefined) await page.getByLabel('API key').fill(key);
      else {
        await page.getByLabel('User ID').fill(id);
        await page.getByLabel('Token').fill(token);
      }
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expectAlert(page, message);
      expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
      // Chromium reports each refused fetch itself; nothing else may reach the console.
      const refused = new RegExp(
        `Failed to load resource: the server responded with a status of ${status}`,
      );
      expect(console.unexpected([refused])).toEqual([]);
    },
  );
});

async function expectAlert(page: Page, message: RegExp) {
  const alert = page.getByRole('alert');
  await alert.waitFor();
  expect(await alert.textContent()).toMatch(message);
  expect(await page.getByLabel('User ID').isVisible()).toBe(true);
}
