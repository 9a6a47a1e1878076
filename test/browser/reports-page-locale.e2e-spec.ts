import type { Browser, Page } from 'playwright-core';
import { launchChromium, runAxe, watchConsole } from '../support/browser';
import { seedDemo, type DemoCredentials } from '../support/demo-data';
import { apiJson, dayIn, until, type Report } from '../support/reports-page';
import { startService, type RunningService } from '../support/service';

const TZ = 'America/Sao_Paulo';

/**
 * The reports page for readers everywhere: its language from the browser and switchable, dates
 * and numbers in the reader's locale, a phone's width, one error for a page that failed whole.
 */
describe('the reports page in the reader’s language and on a phone', () => {
  let service: RunningService;
  let browser: Browser;
  let demo: DemoCredentials;

  beforeAll(async () => {
    const uri = `${process.env.TEST_MONGODB_URL!.replace(/\/$/, '')}/reports_locale_${process.pid}`;
    demo = await seedDemo(uri, 300);
    [service, browser] = await Promise.all([
      startService({ MONGODB_URI: uri, API_KEYS: demo.apiKeysEntry, LOG_LEVEL: 'silent' }),
      launchChromium(),
    ]);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    expect(await service?.stop()).toBe(0);
  });

  const open = async (locale: string, width = 1280): Promise<Page> => {
    const context = await browser.newContext({
      timezoneId: TZ,
      locale,
      acceptDownloads: true,
      viewport: { width, height: 844 },
    });
    const page = await context.newPage();
    await page.goto(`${service.url}/reports/`);
    return page;
  };
  const signIn = async (page: Page, apiKeyLabel: string, button: string) => {
    await page.getByLabel(apiKeyLabel).fill(demo.apiKey);
    await page.getByRole('button', { name: button }).click();
  };
  const report = (groupBy?: string) =>
    apiJson<Report & { groups: Array<{ key: string }> }>(
      service.url,
      'survey.report',
      { from: dayIn(TZ, -29), to: dayIn(TZ, 1), tz: TZ, ...(groupBy ? { groupBy } : {}) },
      { 'X-Api-Key': demo.apiKey },
    );
  /**
   * Room left beside the trend's longest y label ("100 %" in the page's language), in px: the
   * plot starts after the ticks (10), the gap (5) and the label drawn in uPlot's axis font.
   */
  const yAxisRoom = (page: Page) =>
    page.locator('#trend .u-over').evaluate((over: HTMLElement) => {
      const label = new Intl.NumberFormat(document.documentElement.lang, {
        style: 'percent',
        maximumFractionDigits: 0,
      }).format(1);
      const ctx = document.createElement('canvas').getContext('2d')!;
      ctx.font =
        '12px system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif';
      return over.offsetLeft - (10 + 5 + ctx.measureText(label).width);
    });
  const cardValue = (page: Page, card: string) =>
    page.locator(`[data-card="${card}"] .value`).textContent();

  it('follows the browser (German), switches to French, remembers it; dates and numbers as Intl writes them; the chart’s "100 %" label unclipped', async () => {
    const page = await open('de-DE');
    const console = watchConsole(page);
    expect(await page.locator('html').getAttribute('lang')).toBe('de');
    expect(await page.locator('h1').textContent()).toBe('Umfrageberichte');
    await signIn(page, 'API-Schlüssel', 'Anmelden');

    const [summary, days] = [(await report()).summary, (await report('day')).groups];
    const de = {
      responses: new Intl.NumberFormat('de').format(summary.responses),
      csat: new Intl.NumberFormat('de', {
        style: 'percent',
        minimumFractionDigits: 1,
        maximumFractionDigits: 1,
      }).format(summary.csat!),
      firstDay: new Intl.DateTimeFormat('de', { dateStyle: 'medium', timeZone: 'UTC' }).format(
        new Date(`${days[0].key}T00:00:00Z`),
      ),
    };
    await until(
      async () => ({
        responses: await cardValue(page, 'responses'),
        csat: await cardValue(page, 'csat'),
        firstDay: await page.locator('#trend tr[data-day] th').first().textContent(),
      }),
      de,
    );
    expect(de.csat).toMatch(/^\d+,\d\s%$/);
    expect(await yAxisRoom(page)).toBeGreaterThanOrEqual(0);

    await page.getByLabel('Sprache').selectOption({ label: 'Français' });
    await until(() => page.locator('header h1').textContent(), 'Rapports d’enquête');
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    expect(await page.locator('#trend tr[data-day] th').first().textContent()).toBe(
      new Intl.DateTimeFormat('fr', { dateStyle: 'medium', timeZone: 'UTC' }).format(
        new Date(`${days[0].key}T00:00:00Z`),
      ),
    );
    await page.reload();
    await until(() => page.locator('header h1').textContent(), 'Rapports d’enquête');
    expect(await page.title()).toBe('Rapports d’enquête · livechat-survey');
    expect(console.unexpected()).toEqual([]);
  });

  it('says on the sign-in form where the credentials come from, in Portuguese', async () => {
    const page = await open('pt-BR');
    expect(await page.locator('html').getAttribute('lang')).toBe('pt-BR');
    expect(await page.locator('.sign-in').textContent()).toContain(
      'Minha Conta → Tokens de acesso pessoal',
    );
  });

  it('at 390 px: nothing scrolls sideways, agents and departments as stacked rows; axe clean', async () => {
    const page = await open('en-US', 390);
    const console = watchConsole(page);
    await signIn(page, 'API key', 'Sign in');
    await page.locator('#agents tbody tr').first().waitFor();
    await page.locator('#departments tbody tr').first().waitFor();
    await page.locator('#comments blockquote').first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      390,
    );
    // Stacked: each figure on its own line, named by its column.
    const cell = page.locator('#agents tbody tr').first().locator('[data-column="csat"]');
    expect(await cell.evaluate((td) => getComputedStyle(td).display)).toBe('block');
    const violations = await runAxe(page);
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
    expect(console.unexpected()).toEqual([]);
  });

  it('the service out of reach: one error at the top, none per section; the CSV notice goes with a new filter', async () => {
    const page = await open('en-US');
    await signIn(page, 'API key', 'Sign in');
    await page.locator('#agents tbody tr').first().waitFor();

    await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    await until(() => page.locator('header [role="status"]').textContent(), 'CSV downloaded.');
    await page.selectOption('#period', { label: 'Last 7 days' });
    await until(() => page.locator('header [role="status"]').textContent(), '');

    await page.route('**/api/v1/livechat/**', (route) => route.abort());
    await page.selectOption('#period', { label: 'Last 90 days' });
    await page.locator('#page-error').waitFor();
    expect(await page.getByRole('alert').allTextContents()).toEqual([
      'Could not load the reports. The service could not be reached. Check the connection and retry.',
    ]);
    expect(await page.locator('main section [role="alert"]').count()).toBe(0);
  });
});
