import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { MongoClient } from 'mongodb';
import { freePort } from '../../src/database/ferretdb.process';
import { runScript } from '../support/scripts';
import { startService, startServiceToExit, type RunningService } from '../support/service';

const ROOT = resolve(__dirname, '..', '..');

describe('the seed scripts (npm run seed, npm run seed:demo)', () => {
  const base = (process.env.TEST_MONGODB_URL ?? '').replace(/\/$/, '');
  // Where the scripts run: seed:demo keeps its credentials in .data/ there, not in the project.
  const work = mkdtempSync(join(tmpdir(), 'livechat-survey-seed-'));
  const services: RunningService[] = [];

  afterAll(async () => {
    await Promise.all(services.map((service) => service.stop()));
    rmSync(work, { recursive: true, force: true });
  });

  const day = 86_400_000;
  const report = (service: RunningService, headers: Record<string, string>) => {
    const [from, to] = [Date.now() - 90 * day, Date.now() + day].map((t) =>
      new Date(t).toISOString(),
    );
    return fetch(
      `${service.url}/api/v1/livechat/survey.report?from=${from}&to=${to}&groupBy=agent`,
      { headers },
    );
  };

  it('seed:demo fills the database MONGODB_DATABASE names, and its manager headers open a report', async () => {
    // An Atlas-style URI with no database in its path: MONGODB_DATABASE names it.
    const env = { MONGODB_URI: `${base}/?retryWrites=true`, MONGODB_DATABASE: 'seed_demo' };
    const seeded = runScript('scripts/seed-demo.ts', env, work);
    expect(seeded.status).toBe(0);
    expect(seeded.output).toMatch(/^seeded 2000 rooms \(\d+ with answers\) over 90 days, 5 agents/);
    const token = /X-Auth-Token: (\S+)/.exec(seeded.output)?.[1];
    expect(token).toBeDefined();

    const service = await startService({ ...env, RATE_LIMIT_ENABLED: 'false' });
    services.push(service);
    const res = await report(service, { 'X-User-Id': 'demoManager000001', 'X-Auth-Token': token! });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { summary: { responses: number }; groups: unknown[] };
    expect(body.summary.responses).toBeGreaterThan(500);
    expect(body.groups.length).toBeGreaterThanOrEqual(5);
  });

  it('seed:demo again keeps its credentials: the manager stays signed in, the API key needs no restart', async () => {
    const env = { MONGODB_URI: `${base}/seed_demo_again`, DEMO_ROOMS: '40' };
    const credentials = (output: string) => ({
      token: /X-Auth-Token: (\S+)/.exec(output)?.[1],
      key: /X-Api-Key: (\S+)/.exec(output)?.[1],
      entry: /^\s*API_KEYS=(\S+)/m.exec(output)?.[1],
    });
    const dir = mkdtempSync(join(work, 'again-'));
    const first = runScript('scripts/seed-demo.ts', env, dir);
    expect(first.status).toBe(0);
    expect(first.output).toContain(
      'API key (NOT accepted yet: add API_KEYS below to .env, then restart the service):',
    );
    const issued = credentials(first.output);
    // Read only: the reports page reads; follow-ups are written by managers as themselves.
    expect(issued.entry).toMatch(/^[0-9a-f]{64}:reports:read$/);
    // Started once, with the key's digest: it must accept the key after the second run too.
    const service = await startService({
      ...env,
      API_KEYS: issued.entry!,
      RATE_LIMIT_ENABLED: 'false',
    });
    services.push(service);

    const second = runScript('scripts/seed-demo.ts', { ...env, API_KEYS: issued.entry! }, dir);
    expect(second.status).toBe(0);
    expect(credentials(second.output)).toEqual(issued);
    expect(second.output).toContain('The same demo credentials as the last run');
    expect(second.output).toContain('API key (accepted: the configuration lets it read reports):');
    const byManager = await report(service, {
      'X-User-Id': 'demoManager000001',
      'X-Auth-Token': issued.token!,
    });
    expect(byManager.status).toBe(200);
    expect((await report(service, { 'X-Api-Key': issued.key! })).status).toBe(200);
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

describe('.env, read by the scripts as by the service', () => {
  const base = (process.env.TEST_MONGODB_URL ?? '').replace(/\/$/, '');
  const dir = mkdtempSync(join(tmpdir(), 'livechat-survey-dotenv-'));
  let client: MongoClient;
  beforeAll(async () => {
    client = await MongoClient.connect(base);
    // The process environment wins over .env (MONGODB_DATABASE below), as in the service.
    writeFileSync(
      join(dir, '.env'),
      `MONGODB_URI=${base}/?retryWrites=true\nMONGODB_DATABASE=dotenv_loses\nSURVEY_ITEMS=\n`,
    );
  });
  afterAll(async () => {
    await client?.db('dotenv_scripts').dropDatabase();
    await client?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('seed and settings connect to the MONGODB_URI of .env, not to the embedded default', async () => {
    // Were .env ignored, they would try the embedded database on this (unused) port.
    const env = {
      EMBEDDED_DB_PORT: String(await freePort()),
      MONGODB_DATABASE: 'dotenv_scripts',
      SURVEY_ITEMS: 'satisfaction',
    };
    const seeded = runScript('scripts/seed-example.ts', env, dir);
    expect(seeded).toEqual({
      status: 0,
      output:
        'seeded visitor exampleVisitor001 and room gMMeBpWyLeowCrzBv of the API page example\n',
    });
    const set = runScript(
      resolve(ROOT, 'scripts/settings.ts'),
      env,
      dir,
      'set',
      'Livechat_guest_count',
      '41',
    );
    expect(set.status).toBe(0);
    const db = client.db('dotenv_scripts');
    expect(
      await db.collection('rocketchat_room').countDocuments({ _id: 'gMMeBpWyLeowCrzBv' as never }),
    ).toBe(1);
    expect(
      (await db.collection('rocketchat_settings').findOne({ _id: 'Livechat_guest_count' as never }))
        ?.value,
    ).toBe(41);
    expect(await client.db('dotenv_loses').collection('rocketchat_room').countDocuments()).toBe(0);
  });

  it('the service reads the same .env: its bad SURVEY_ITEMS stops the start', async () => {
    // A database of its own, should it start after all: no embedded FerretDB left behind.
    const env = { MONGODB_URI: `${base}/dotenv_service` };
    const { code, output } = await startServiceToExit(env, 20_000, dir);
    expect(code).toBe(1);
    expect(output).toContain('SURVEY_ITEMS: SURVEY_ITEMS must list at least one item name');
  });
});
