import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { freePort } from '../../src/database/ferretdb.process';
import { startService, type RunningService } from '../support/service';

const ROOT = resolve(__dirname, '..', '..');

/** A seed script as `npm run seed…` runs it, with only the environment given. */
function runScript(script: string, env: Record<string, string>) {
  const run = spawnSync(
    process.execPath,
    [resolve(ROOT, 'node_modules/ts-node/dist/bin.js'), '--transpile-only', script],
    { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8', timeout: 60_000 },
  );
  return { status: run.status, output: run.stdout + run.stderr };
}

describe('the seed scripts of the README', () => {
  const base = (process.env.TEST_MONGODB_URL ?? '').replace(/\/$/, '');
  let service: RunningService;

  afterAll(() => service?.stop());

  it('seed:demo fills the database MONGODB_DATABASE names, and its manager headers open a report', async () => {
    // An Atlas-style URI with no database in its path: MONGODB_DATABASE names it.
    const env = { MONGODB_URI: `${base}/?retryWrites=true`, MONGODB_DATABASE: 'seed_demo' };
    const seeded = runScript('scripts/seed-demo.ts', env);
    expect(seeded.status).toBe(0);
    expect(seeded.output).toMatch(/^seeded 2000 rooms \(\d+ with answers\) over 90 days, 5 agents/);
    const token = /X-Auth-Token: (\S+)/.exec(seeded.output)?.[1];
    expect(token).toBeDefined();

    service = await startService({ ...env, RATE_LIMIT_ENABLED: 'false' });
    const day = 86_400_000;
    const [from, to] = [Date.now() - 90 * day, Date.now() + day].map((t) =>
      new Date(t).toISOString(),
    );
    const res = await fetch(
      `${service.url}/api/v1/livechat/survey.report?from=${from}&to=${to}&groupBy=agent`,
      { headers: { 'X-User-Id': 'demoManager000001', 'X-Auth-Token': token! } },
    );
    expect(res.status).toBe(200);
    const report = (await res.json()) as { summary: { responses: number }; groups: unknown[] };
    expect(report.summary.responses).toBeGreaterThan(500);
    expect(report.groups.length).toBeGreaterThanOrEqual(5);
  });

  it('says to start the service first when the embedded database is not running', async () => {
    const port = String(await freePort());
    for (const script of ['scripts/seed-example.ts', 'scripts/seed-demo.ts']) {
      const run = runScript(script, { EMBEDDED_DB_PORT: port });
      expect(run.status).toBe(1);
      expect(run.output).toContain(
        `the embedded database is not running on 127.0.0.1:${port}: start the service first (npm start, in another terminal), or set MONGODB_URI`,
      );
    }
  });
});
