import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MongoClient } from 'mongodb';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, runAxe, watchConsole } from '../support/browser';
import { closedRocketChatRoom, rocketChatVisitor, type Doc } from '../support/factories';
import { rocketChatUser, scopedApiKey } from '../support/managers';
import { apiJson, until } from '../support/reports-page';
import { startService, type RunningService } from '../support/service';
import { startReceiver, until as waitFor } from '../support/webhook-receiver';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const SUPPORT = { _id: 'viewsDeptSupport1', name: 'Support' };
/** Ann's CSAT falls from all satisfied to none: a real change. */
const ANN = { _id: 'viewsAgentAnn0001', username: 'ann', name: 'Ann Lee' };
/** Bob's moves by one answer in ten: noise. */
const BOB = { _id: 'viewsAgentBob0001', username: 'bob', name: 'Bob Stone' };

/** An answered room of `agent`, closed `ago` ms before now. */
function answered(agent: typeof ANN, ago: number, satisfaction: string, comment?: string): Doc {
  const closedAt = new Date(Date.now() - ago);
  const ts = new Date(closedAt.getTime() - 600_000);
  return closedRocketChatRoom(rocketChatVisitor(), {
    ts,
    closedAt,
    servedBy: { _id: agent._id, username: agent.username, ts },
    departmentId: SUPPORT._id,
    surveyFeedback: comment ? { satisfaction, additionalFeedback: comment } : { satisfaction },
    surveyFeedbackAt: new Date(closedAt.getTime() + 60_000),
  });
}

/** The last 7 days against the 7 before: Ann 12 → 12 answers (5 → 1), Bob 10 → 10 (6 → 5 good). */
function rooms(): Doc[] {
  const now = (i: number) => (i + 1) * 5 * HOUR;
  const before = (i: number) => 8 * DAY + (i + 1) * 5 * HOUR;
  return [
    ...Array.from({ length: 12 }, (_, i) => answered(ANN, before(i), '5')),
    ...Array.from({ length: 12 }, (_, i) =>
      answered(ANN, now(i), i % 2 ? '1' : '2', i === 0 ? 'Nobody called me back' : undefined),
    ),
    ...Array.from({ length: 10 }, (_, i) => answered(BOB, before(i), i < 6 ? '5' : '3')),
    ...Array.from({ length: 10 }, (_, i) => answered(BOB, now(i), i < 5 ? '5' : '3')),
  ];
}

/** The "Rocket.Chat" the answers link to: it records the paths it is asked for. */
function fakeRocketChat(): Promise<{ server: Server; url: string; paths: string[] }> {
  const paths: string[] = [];
  const server = createServer((req, res) => {
    paths.push(req.url ?? '');
    res.end('<!doctype html><title>Rocket.Chat</title>');
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ server, url: `http://127.0.0.1:${port}`, paths });
    }),
  );
}

interface Difference {
  significant: boolean | null;
}
interface ComparedGroup {
  key: string | null;
  csat: number | null;
  previous: { csat: number | null };
  change: { csat: Difference };
}

describe('the reports page: changes, drill-down, follow-ups, weekday × hour', () => {
  let service: RunningService;
  let browser: Browser;
  let rocketChat: Awaited<ReturnType<typeof fakeRocketChat>>;
  const manager = rocketChatUser(['user', 'livechat-manager']);
  const readOnly = scopedApiKey('reports:read');

  beforeAll(async () => {
    const uri = `${process.env.TEST_MONGODB_URL!.replace(/\/$/, '')}/reports_views_${process.pid}`;
    const client = await MongoClient.connect(uri);
    const db = client.db();
    await db
      .collection('users')
      .insertMany([
        manager.user,
        { ...ANN, type: 'user', roles: ['livechat-agent'] },
        { ...BOB, type: 'user', roles: ['livechat-agent'] },
      ] as never);
    await db.collection('rocketchat_livechat_department').insertOne(SUPPORT as never);
    await db.collection('rocketchat_room').insertMany(rooms() as never);
    await client.close();
    rocketChat = await fakeRocketChat();
    [service, browser] = await Promise.all([
      startService({
        MONGODB_URI: uri,
        ROCKETCHAT_URL: rocketChat.url,
        API_KEYS: readOnly.entry,
        WEBHOOKS_ALLOW_PRIVATE: 'true',
        WEBHOOKS_POLL_INTERVAL_MS: '100',
        LOG_LEVEL: 'silent',
      }),
      launchChromium(),
    ]);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    rocketChat?.server.close();
    expect(await service?.stop()).toBe(0);
  });

  const api = <T>(route: string, params: Record<string, string>) =>
    apiJson<T>(service.url, route, params, manager.headers);
  const week = () => {
    const today = new Date().toISOString().slice(0, 10);
    const from = new Date(Date.parse(today) - 6 * DAY).toISOString().slice(0, 10);
    return { from, to: new Date(Date.parse(today) + DAY).toISOString().slice(0, 10), tz: 'UTC' };
  };
  const open = async (path = '?period=7&tz=UTC', width = 1280): Promise<Page> => {
    const context = await browser.newContext({
      timezoneId: 'UTC',
      locale: 'en-US',
      viewport: { width, height: 900 },
    });
    const page = await context.newPage();
    await page.goto(`${service.url}/reports/${path}`);
    await page.getByLabel('User ID').fill(manager.user._id);
    await page.getByLabel('Token').fill(manager.token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    return page;
  };
  const agentRow = (page: Page, agent: typeof ANN) =>
    page.locator(`#agents tbody tr[data-key="${agent._id}"]`);

  it('marks a real change "significant" and a small one "within noise", the previous value on focus', async () => {
    const groups = (
      await api<{ groups: ComparedGroup[] }>('survey.report', {
        ...week(),
        groupBy: 'agent',
        compare: 'previous',
      })
    ).groups;
    const ann = groups.find((g) => g.key === ANN._id)!;
    const bob = groups.find((g) => g.key === BOB._id)!;
    expect([ann.change.csat.significant, bob.change.csat.significant]).toEqual([true, false]);

    const page = await open();
    const console = watchConsole(page);
    const mark = (agent: typeof ANN) =>
      agentRow(page, agent).locator('[data-column="csat"] .change');
    await mark(ANN).waitFor();
    expect(await mark(ANN).locator('.verdict').textContent()).toBe('significant');
    expect(await mark(ANN).getAttribute('class')).toContain('down');
    expect(await mark(BOB).locator('.verdict').textContent()).toBe('within noise');

    const tip = mark(ANN).locator('.tip');
    const previous = new Intl.NumberFormat('en', {
      style: 'percent',
      minimumFractionDigits: 1,
    }).format(ann.previous.csat!);
    expect(await tip.textContent()).toBe(`Previous period: ${previous}`);
    const shown = () => tip.evaluate((el) => el.getBoundingClientRect().width > 1);
    expect(await shown()).toBe(false);
    await mark(ANN).focus();
    expect(await shown()).toBe(true);
    expect(console.unexpected()).toEqual([]);
  });

  it("from an agent's row to that agent's answers, lowest first, searched, and on to Rocket.Chat", async () => {
    const page = await open();
    await agentRow(page, ANN).getByRole('button', { name: 'ann' }).click();
    await page.locator('#answers li[data-rid]').first().waitFor();
    expect(new URL(page.url()).searchParams.get('view')).toBe('answers');
    expect(new URL(page.url()).searchParams.get('agent')).toBe(ANN._id);

    const expected = await api<{ total: number; responses: Array<{ rid: string }> }>(
      'survey.responses',
      { ...week(), agentId: ANN._id, count: '20', sort: '{"satisfaction":1}' },
    );
    await page.getByLabel('Order').selectOption({ label: 'Lowest score first' });
    await until(
      () => page.$$eval('#answers li[data-rid]', (rows) => rows.map((r) => r.dataset.rid)),
      expected.responses.map((r) => r.rid),
    );
    expect(expected.total).toBe(12);
    expect(await page.locator('#answers .meta').first().textContent()).toContain('Ann Lee');

    await page.getByLabel('Search in comments').fill('CALLED me');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await until(() => page.locator('#answers li[data-rid]').count(), 1);
    await page.reload();
    await until(
      () => page.locator('#answers blockquote').allTextContents(),
      ['Nobody called me back'],
    );
    const rid = await page.locator('#answers li[data-rid]').getAttribute('data-rid');

    const [tab] = await Promise.all([
      page.context().waitForEvent('page'),
      page.getByRole('link', { name: 'Open in Rocket.Chat' }).click(),
    ]);
    await tab.waitForLoadState();
    expect(tab.url()).toBe(`${rocketChat.url}/live/${rid}`);
    expect(rocketChat.paths).toContain(`/live/${rid}`);
  });

  it("a distribution's bar, a day of the trend and a department's row open the answers behind them; Back returns", async () => {
    const page = await open();
    const rows = () => page.locator('#answers li[data-rid]').count();
    const total = async (params: Record<string, string>) =>
      (await api<{ total: number }>('survey.responses', { ...week(), ...params })).total;

    await page
      .locator('#distribution figure')
      .first()
      .getByRole('button', { name: 'Show the answers for Satisfaction = 1' })
      .click();
    await until(rows, await total({ item: 'satisfaction', value: '1' }));
    expect(await page.locator('.narrowing').textContent()).toContain('Satisfaction = 1');

    await page.goBack();
    await page.getByText('CSAT by day as a table').click();
    const days = (
      await api<{ groups: Array<{ key: string; responses: number }> }>('survey.report', {
        ...week(),
        groupBy: 'day',
      })
    ).groups;
    const day = days.reduce((a, b) => (b.responses > a.responses ? b : a)).key;
    await page.locator(`#trend tr[data-day="${day}"] button`).click();
    await until(rows, Math.min(20, await total({ day })));
    expect(new URL(page.url()).searchParams.get('day')).toBe(day);

    await page.goBack();
    await page
      .locator(`#departments tbody tr[data-key="${SUPPORT._id}"]`)
      .getByRole('button', { name: SUPPORT.name })
      .click();
    await until(rows, Math.min(20, await total({ departmentId: SUPPORT._id })));
    expect(new URL(page.url()).searchParams.get('view')).toBe('answers');
    expect(new URL(page.url()).searchParams.get('department')).toBe(SUPPORT._id);
  });

  it('follow-up queue: contacted, then resolved; the counts move with the API; the events sent', async () => {
    const receiver = await startReceiver();
    const hook = await fetch(`${service.url}/api/v1/livechat/survey.webhooks`, {
      method: 'POST',
      headers: { ...manager.headers, 'Content-Type': 'application/json' },
      body: JSON.stringify({ url: receiver.url, events: ['survey.followed_up'] }),
    });
    expect(hook.status).toBe(200);
    const page = await open('?period=7&tz=UTC&view=followups');
    const counts = async () =>
      (
        await api<{ summary: { followups: Record<string, number | null> } }>(
          'survey.report',
          week(),
        )
      ).summary.followups;
    const cards = () =>
      page.$$eval('#followup-counts [data-card] .value', (values) =>
        values.map((v) => v.textContent),
      );
    const asCards = (c: Record<string, number | null>) =>
      [c.open, c.contacted, c.resolved].map(String).concat(c.medianResolveMs === null ? ['–'] : []);
    const before = await counts();
    expect(before.open).toBe(12);
    await until(async () => (await cards()).slice(0, 3), asCards(before).slice(0, 3));

    const item = page.locator('#followups li[data-rid]').first();
    await item.getByLabel('Note (optional)').fill('Called back, refund offered');
    await item.getByRole('button', { name: 'Contacted' }).click();
    await until(() => item.locator('.followup-status').textContent(), 'Status: Contacted');
    await until(async () => (await cards()).slice(0, 3), ['11', '1', '0']);
    await item.getByRole('button', { name: 'Resolved' }).click();
    await until(() => item.locator('.followup-status').textContent(), 'Status: Resolved');
    await until(async () => (await cards()).slice(0, 3), ['11', '0', '1']);
    const after = await counts();
    expect([after.open, after.contacted, after.resolved]).toEqual([11, 0, 1]);
    expect((await cards())[3]).not.toBe('–');
    expect(await item.getByRole('button', { name: 'Resolved' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    const rid = await item.getAttribute('data-rid');
    await waitFor(() => receiver.received.length >= 2, 'two survey.followed_up deliveries');
    const events = receiver.received
      .map((r) => (JSON.parse(r.body) as { data: Record<string, unknown> }).data)
      .map(({ rid: room, status, previousStatus, note }) => ({
        room,
        status,
        previousStatus,
        note,
      }))
      .sort((a, b) => String(a.status).localeCompare(String(b.status)));
    const note = 'Called back, refund offered';
    expect(events).toEqual([
      { room: rid, status: 'contacted', previousStatus: 'open', note },
      { room: rid, status: 'resolved', previousStatus: 'contacted', note },
    ]);
    await receiver.close();
  });

  it('a read-only key sees the queue, is told it may not change it, and stays signed in', async () => {
    const context = await browser.newContext({ timezoneId: 'UTC', locale: 'en-US' });
    const page = await context.newPage();
    const console = watchConsole(page);
    await page.goto(`${service.url}/reports/?period=7&tz=UTC&view=followups`);
    await page.getByLabel('API key').fill(readOnly.key);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const item = page.locator('#followups li[data-rid]').first();
    const before = await item.locator('.followup-status').textContent();
    await item.getByRole('button', { name: 'Resolved' }).click();
    await until(
      () => item.getByRole('status').textContent(),
      'This credential may read the reports but not change follow-ups (403).',
    );
    expect(await item.locator('.followup-status').textContent()).toBe(before);
    expect(await page.getByRole('button', { name: 'Sign out' }).isVisible()).toBe(true);
    expect(console.unexpected([/status of 403/])).toEqual([]);
  });

  it('weekday × hour: a cell opens its answers; at 390 px no view scrolls sideways; axe clean', async () => {
    const page = await open('?period=7&tz=UTC&view=hours', 390);
    const console = watchConsole(page);
    const cell = page.locator('#hours td button').first();
    await cell.waitFor();
    const key = await cell.evaluate((b) => b.parentElement!.dataset.cell!);
    const [weekday, hour] = key.split('-');
    const wide = () => page.evaluate(() => document.documentElement.scrollWidth);
    expect(await wide()).toBeLessThanOrEqual(390);
    const hours = await runAxe(page);
    expect(hours.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);

    await cell.click();
    const { total } = await api<{ total: number }>('survey.responses', {
      ...week(),
      weekday,
      hour,
    });
    await until(() => page.locator('#answers li[data-rid]').count(), Math.min(total, 20));
    expect(await wide()).toBeLessThanOrEqual(390);
    await page.getByRole('link', { name: 'Needs follow-up' }).click();
    await page.locator('#followups li[data-rid]').first().waitFor();
    expect(await wide()).toBeLessThanOrEqual(390);
    const followups = await runAxe(page);
    expect(followups.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
    expect(console.unexpected()).toEqual([]);
  });
});
