/**
 * npm run bench:drilldown: survey.responses' drill-down at 10,000 surveyed rooms (issue 36):
 * p50 and p95 over BENCH_DRILLDOWN_RUNS (20) sequential calls each, unfiltered, with a comment
 * search (q), an agent, a day, a weekday × hour cell and lowest score first. Runs the built
 * service (dist/main.js) on its own FerretDB, or on BENCH_MONGODB_URI; prints a table.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import type { Db } from 'mongodb';
import { openReportDatabase, startReportService } from './report-service';
import { AGENTS, DAY, DEPARTMENTS, insertRooms } from './report-rooms';

const ROOT = resolve(__dirname, '..', '..');
const ROOMS = 10_000;
const RUNS = Number(process.env.BENCH_DRILLDOWN_RUNS ?? 20);

const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil(p * values.length) - 1)];

async function seed(db: Db, now: number): Promise<void> {
  await insertRooms(db, ROOMS, now);
  await db
    .collection('users')
    .insertMany(
      AGENTS.map((_id, i) => ({ _id, username: `agent-${i}`, name: `Agent ${i}` })) as never[],
    );
  await db
    .collection('rocketchat_livechat_department')
    .insertMany(DEPARTMENTS.map((_id) => ({ _id, name: `Department ${_id}` })) as never[]);
}

async function main(): Promise<void> {
  if (!existsSync(join(ROOT, 'dist', 'main.js')))
    spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  const database = await openReportDatabase('bench_drilldown');
  const now = Date.now();
  await seed(database.client.db(), now);
  const key = randomBytes(24).toString('base64url');
  const { url: base0, child: service } = await startReportService({
    uri: database.uri,
    key,
    ownFerretDb: database.ownFerretDb,
  });
  const url = `${base0}/survey.responses`;
  const from = new Date(now - 90 * DAY);
  const period = `from=${from.toISOString()}&to=${new Date(now + DAY).toISOString()}`;
  // The seeded answers fall within the last day (report-rooms spreads them over ~22 hours).
  const recent = new Date(now - 6 * 3_600_000);
  const day = recent.toISOString().slice(0, 10);
  const cell = `weekday=${recent.getUTCDay() || 7}&hour=${recent.getUTCHours()}`;
  const cases: Array<[string, string]> = [
    ['no filter', ''],
    ['q=number 12 (comment search)', '&q=number%2012'],
    ['agentId=a1', '&agentId=a1'],
    [`day=${day}`, `&day=${day}`],
    [cell, `&${cell}`],
    ['sort lowest score first', '&sort=%7B%22satisfaction%22%3A1%7D'],
  ];
  const rows: string[] = [];
  for (const [name, filters] of cases) {
    const times: number[] = [];
    let total = 0;
    for (let r = 0; r < RUNS; r++) {
      const t0 = performance.now();
      const res = await fetch(`${url}?${period}${filters}`, { headers: { 'X-Api-Key': key } });
      const body = (await res.json()) as { total: number };
      if (res.status !== 200) throw new Error(`${name}: ${res.status} ${JSON.stringify(body)}`);
      times.push(performance.now() - t0);
      total = body.total;
    }
    const [p50, p95] = [0.5, 0.95].map((p) => (percentile(times, p) / 1000).toFixed(2));
    rows.push(`| ${name} | ${total.toLocaleString('en')} | ${p50} s | ${p95} s |`);
    console.log(rows.at(-1));
  }
  service.kill('SIGTERM');
  await database.close();
  console.log(
    [
      '',
      `${new Date().toISOString()}, ${cpus().length} cores, load average ${loadavg()[0].toFixed(1)}, Node ${process.version}, ${database.where}, ${ROOMS.toLocaleString('en')} surveyed rooms, ${RUNS} sequential calls each`,
      '| survey.responses | rows matching | p50 | p95 |',
      '|---|---|---|---|',
      ...rows,
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  console.error(
    `bench:drilldown failed: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
});
