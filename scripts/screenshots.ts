/**
 * `npm run screenshots`: the signed-in reports page at 1280×800 and 390×844 (and its follow-up
 * and weekday × hour views at each size), written to
 * .screenshots/ (ignored by git). Self-contained: its own FerretDB, the demo data
 * (scripts/seed-demo.ts), the built service (`npm run build` first) and Debian's chromium.
 * The copies in docs/ that the README and docs/reports.md show are refreshed by hand, on purpose.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildAppConfig } from '../src/config/app.config';
import { FerretDbProcess } from '../src/database/ferretdb.process';
import { launchChromium } from '../test/support/browser';
import { seedDemo } from '../test/support/demo-data';
import { startService } from '../test/support/service';

const OUT = resolve(__dirname, '..', '.screenshots');
/** The views beside the overview: the link that opens each, and what shows it is loaded. */
const VIEWS = [
  { name: 'followups', link: 'Needs follow-up', ready: '#followups li[data-rid]' },
  { name: 'hours', link: 'Weekday × hour', ready: '#hours td button' },
];
const SIZES = [
  { name: 'reports-page-1280x800.png', width: 1280, height: 800 },
  { name: 'reports-page-390x844.png', width: 390, height: 844 },
];

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'livechat-survey-screenshots-'));
  const ferretdb = await FerretDbProcess.start({
    binary: buildAppConfig({}).database.embedded.binary,
    dataDir,
    port: 0,
  });
  const uri = `${ferretdb.uri.replace(/\/$/, '')}/screenshots`;
  const demo = await seedDemo(uri, 2000);
  const service = await startService({ MONGODB_URI: uri, LOG_LEVEL: 'silent' });
  const browser = await launchChromium();
  try {
    mkdirSync(OUT, { recursive: true });
    for (const size of SIZES) {
      const page = await browser.newPage({
        viewport: { width: size.width, height: size.height },
        timezoneId: 'UTC',
        locale: 'en-US',
      });
      await page.goto(`${service.url}/reports/`);
      await page.getByLabel('User ID').fill(demo.userId);
      await page.getByLabel('Token').fill(demo.token);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.locator('#comments blockquote').first().waitFor();
      await page.locator('#agents tbody tr').first().waitFor();
      await page.locator('#trend canvas').first().waitFor();
      await page.screenshot({ path: join(OUT, size.name) });
      await page.screenshot({ path: join(OUT, `full-${size.name}`), fullPage: true });
      console.log(`wrote ${join(OUT, size.name)}`);
      for (const view of VIEWS) {
        await page.getByRole('link', { name: view.link }).click();
        await page.locator(view.ready).first().waitFor();
        const name = size.name.replace('reports-page-', `reports-page-${view.name}-`);
        await page.screenshot({ path: join(OUT, name) });
        console.log(`wrote ${join(OUT, name)}`);
      }
      await page.close();
    }
  } finally {
    await browser.close();
    await service.stop();
    await ferretdb.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`screenshots failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
