import { MongoClient, type Db } from 'mongodb';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, runAxe } from '../support/browser';
import { closedRocketChatRoom, rocketChatVisitor, type Doc } from '../support/factories';
import { scopedApiKey } from '../support/managers';
import { startService, type RunningService } from '../support/service';

const key = scopedApiKey('survey-links:create', 'reports:read');

/** What a phone shows of the page: its title, language, and whether it scrolls sideways. */
const TITLES: Record<string, string> = {
  'en-US': 'How was your conversation?',
  'pt-BR': 'Como foi a sua conversa?',
  'es-ES': '¿Qué tal fue su conversación?',
  'de-DE': 'Wie war Ihr Gespräch?',
  'fr-FR': 'Comment s’est passée votre conversation ?',
};

/**
 * The hosted survey page served by the built service, in Debian's chromium as a phone's in-app
 * browser would show it: 390 px wide, JavaScript off.
 */
describe('the hosted survey page in a real browser', () => {
  let service: RunningService;
  let browser: Browser;
  let client: MongoClient;
  let db: Db;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    const uri = `${process.env.TEST_MONGODB_URL!.replace(/\/$/, '')}/survey_page_${process.pid}`;
    client = await MongoClient.connect(uri);
    db = client.db();
    await db.collection('users').insertOne({
      _id: 'agentId0000000001',
      username: 'agent.smith',
      name: 'Agent Smith',
      roles: ['user', 'livechat-agent'],
    } as never);
    [service, browser] = await Promise.all([
      startService({
        MONGODB_URI: uri,
        // Behind its proxy: the browser below opens the link's path on the service itself.
        PUBLIC_URL: 'https://survey.example.com',
        API_KEYS: key.entry,
        LOG_LEVEL: 'info',
        LOG_FORMAT: 'json',
        // More page views than Rocket.Chat's 10 a minute from one address.
        RATE_LIMIT_MAX: '1000',
      }),
      launchChromium(),
    ]);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    expect(await service?.stop()).toBe(0);
    await db?.dropDatabase();
    await client?.close();
  });

  const room = async () => {
    const visitor = rocketChatVisitor();
    const closed = closedRocketChatRoom(visitor);
    await db.collection('rocketchat_livechat_visitor').insertOne(visitor as never);
    await db.collection('rocketchat_room').insertOne(closed as never);
    const res = await fetch(`${service.url}/api/v1/livechat/survey.link`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Api-Key': key.key },
      body: JSON.stringify({ rid: closed._id }),
    });
    expect(res.status).toBe(200);
    const link = new URL(((await res.json()) as { url: string }).url);
    expect(link.origin).toBe('https://survey.example.com');
    return { visitor, room: closed, url: `${service.url}${link.pathname}` };
  };
  const phone = async (locale: string, javaScriptEnabled = false, width = 390): Promise<Page> => {
    const context = await browser.newContext({
      locale,
      javaScriptEnabled,
      viewport: { width, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    contexts.push(context);
    return context.newPage();
  };
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  });

  /** survey.report's answers by source over the days around now. */
  const bySource = async () => {
    const day = 86_400_000;
    const query = new URLSearchParams({
      from: new Date(Date.now() - day).toISOString(),
      to: new Date(Date.now() + day).toISOString(),
    });
    const res = await fetch(`${service.url}/api/v1/livechat/survey.report?${query.toString()}`, {
      headers: { 'X-Api-Key': key.key },
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { summary: { bySource: { widget: number; link: number } } })
      .summary.bySource;
  };

  it('is answered with JavaScript off at 390 px: tap a score, write, send, see the thanks; stored as the link’s', async () => {
    const { room: answered, url, visitor } = await room();
    const before = await bySource();
    const page = await phone('en-US');
    await page.goto(url);
    await expect(page.locator('h1').textContent()).resolves.toBe('How was your conversation?');
    await expect(page.locator('main > p').first().textContent()).resolves.toBe(
      'You talked with Agent Smith on November 1, 2026.',
    );
    // The labels are the tap targets: at least 44 px square.
    const five = page.locator('label[for="satisfaction-5"]');
    const box = (await five.boundingBox())!;
    expect(box.height).toBeGreaterThanOrEqual(44);
    expect(box.width).toBeGreaterThanOrEqual(44);
    await five.tap();
    await page.locator('label[for="agentFriendliness-4"]').tap();
    await page
      .getByLabel('Anything else you would like to tell us? (optional)')
      .fill('Quick & kind');
    await page.getByRole('button', { name: 'Send' }).tap();
    await page.waitForURL(/\/thanks$/);
    await expect(page.locator('h1').textContent()).resolves.toBe('Thank you!');

    const stored = (await db.collection<Doc>('rocketchat_room').findOne({ _id: answered._id }))!;
    expect(stored.surveyFeedback).toEqual({
      satisfaction: '5',
      agentFriendliness: '4',
      additionalFeedback: 'Quick & kind',
    });
    expect(stored.surveyFeedbackSource).toBe('link');
    // survey.report counts it under link.
    const after = await bySource();
    expect([after.widget - before.widget, after.link - before.link]).toEqual([0, 1]);
    // Back to the link: already answered, and nothing of the answers shows.
    await page.goto(url);
    await expect(page.locator('h1').textContent()).resolves.toBe('Already answered');
    expect(await page.content()).not.toContain('Quick');

    // No log line carries the link's id or the visitor's token.
    const id = url.split('/').pop()!;
    const lines = service.output().split('\n');
    expect(lines.filter((line) => line.includes('/survey/')).length).toBeGreaterThanOrEqual(4);
    expect(lines.filter((line) => line.includes(id) || line.includes(visitor.token))).toEqual([]);
  }, 60_000);

  it.each(Object.keys(TITLES))(
    'speaks %s, fits 320 and 390 px, and axe finds no serious or critical violation',
    async (locale) => {
      const { url } = await room();
      for (const width of [320, 390]) {
        // JavaScript on only for the checks' own scripts: the page itself has none.
        const page = await phone(locale, true, width);
        const res = await page.goto(url);
        expect(res!.status()).toBe(200);
        await expect(page.locator('h1').textContent()).resolves.toBe(TITLES[locale]);
        const fits = await page.evaluate(
          () => document.documentElement.scrollWidth <= window.innerWidth,
        );
        expect([width, fits]).toEqual([width, true]);
        const violations = await runAxe(page);
        expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual(
          [],
        );
        const html = await res!.text();
        expect(Buffer.byteLength(html)).toBeLessThan(20 * 1024);
      }
    },
    60_000,
  );

  it('re-renders the form with the error by the field when sent empty, with JavaScript off', async () => {
    const { url } = await room();
    const page = await phone('de-DE');
    await page.goto(url);
    await page.getByRole('button', { name: 'Senden' }).tap();
    await expect(page.locator('[role=alert]').textContent()).resolves.toBe(
      'Bitte prüfen Sie Ihre Antworten unten.',
    );
    await expect(page.locator('#satisfaction-error').textContent()).resolves.toBe(
      'Wählen Sie eine Antwort oder schreiben Sie einen Kommentar.',
    );
  });
});
