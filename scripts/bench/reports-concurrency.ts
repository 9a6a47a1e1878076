/**
 * npm run bench:reports-concurrency: what report views cost the survey path. At 10,000 surveyed
 * rooms on the service's own FerretDB (the embedded default: pool 2), POST room.survey runs in a
 * closed loop (BENCH_SURVEY_CLIENTS, default 2) for BENCH_WINDOW_S (default 30) seconds alone,
 * then again while 4 managers each load the reports page over and over (one survey.dashboard
 * call per view), once with the report bound as configured by default and once without it
 * (REPORTS_MAX_CONCURRENT=100).
 * Prints survey p50/p99/max and the views' times and 503s.
 */
import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import type { Db } from 'mongodb';
import { FERRETDB_VERSION } from '../../src/database/embedded-database.settings';
import { DAY, insertRooms } from './report-rooms';
import { openReportDatabase, startReportService } from './report-service';

const ROOMS = 10_000;
const WINDOW_MS = Number(process.env.BENCH_WINDOW_S ?? 30) * 1000;
const SURVEY_CLIENTS = Number(process.env.BENCH_SURVEY_CLIENTS ?? 2);
const MANAGERS = 4;
const SURVEY_ROOMS = 50;

const quantile = (sorted: number[], q: number) =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
const ms = (value: number) => `${Math.round(value)} ms`;

/** The service with the embedded default's pool (2) on the bench's own FerretDB. */
const startService = (uri: string, key: string, env: Record<string, string>) =>
  startReportService({ uri, key, ownFerretDb: true, env: { DB_MAX_POOL_SIZE: '2', ...env } });

/** Survey answers in a closed loop until `until`: each client answers its rooms in turn. */
async function surveyLoad(url: string, until: number): Promise<{ times: number[]; bad: number }> {
  const times: number[] = [];
  let bad = 0;
  const client = async (c: number) => {
    for (let i = c; Date.now() < until; i += SURVEY_CLIENTS) {
      const n = i % SURVEY_ROOMS;
      const t0 = performance.now();
      const res = await fetch(`${url}/room.survey`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          rid: `survey${n}`,
          token: `survey-token-${n}`,
          data: [{ name: 'satisfaction', value: String((i % 5) + 1) }],
        }),
      });
      await res.arrayBuffer();
      times.push(performance.now() - t0);
      if (res.status !== 200) bad++;
    }
  };
  await Promise.all(Array.from({ length: SURVEY_CLIENTS }, (_, c) => client(c)));
  return { times: times.sort((a, b) => a - b), bad };
}

/** Managers loading the reports page over and over until `until`. */
async function viewLoad(url: string, key: string, period: string, until: number) {
  const views: number[] = [];
  let busy = 0;
  const manager = async () => {
    while (Date.now() < until) {
      const t0 = performance.now();
      const res = await fetch(`${url}/survey.dashboard?${period}`, {
        headers: { 'X-Api-Key': key },
      });
      await res.arrayBuffer();
      if (res.status === 200) views.push(performance.now() - t0);
      else if (res.status === 503) busy++;
      else throw new Error(`report view: ${res.status}`);
    }
  };
  await Promise.all(Array.from({ length: MANAGERS }, manager));
  return { views: views.sort((a, b) => a - b), busy };
}

function line(name: string, { times, bad }: { times: number[]; bad: number }) {
  const figures = `n ${times.length}, p50 ${ms(quantile(times, 0.5))}, p99 ${ms(quantile(times, 0.99))}, max ${ms(times.at(-1) ?? NaN)}`;
  return `| ${name} | ${figures}${bad ? `, ${bad} not 200` : ''} |`;
}

async function seed(db: Db, now: number): Promise<void> {
  await insertRooms(db, ROOMS, now);
  const ids = Array.from({ length: SURVEY_ROOMS }, (_, n) => n);
  await db.collection('rocketchat_livechat_visitor').insertMany(
    ids.map((n) => ({
      _id: `sv${n}`,
      username: `guest-s${n}`,
      token: `survey-token-${n}`,
    })) as never[],
  );
  await db.collection('rocketchat_room').insertMany(
    ids.map((n) => ({
      _id: `survey${n}`,
      t: 'l',
      ts: new Date(now),
      open: true,
      v: { _id: `sv${n}`, username: `guest-s${n}`, token: `survey-token-${n}` },
    })) as never[],
  );
}

async function main(): Promise<void> {
  // Always its own FerretDB: the embedded default's pool is the point.
  const { uri, client, close } = await openReportDatabase('bench_reports_concurrency', false);
  const now = Date.now();
  await seed(client.db(), now);
  const key = randomBytes(24).toString('base64url');
  const period = `from=${new Date(now - 30 * DAY).toISOString()}&to=${new Date(now + DAY).toISOString()}`;
  const rows: string[] = [];
  const modes: Array<[string, Record<string, string>]> = [
    ['bound (default: 1 pass, queue 20, wait 30 s)', {}],
    ['no bound (REPORTS_MAX_CONCURRENT=100)', { REPORTS_MAX_CONCURRENT: '100' }],
  ];
  for (const [mode, env] of modes) {
    const service = await startService(uri, key, env);
    await surveyLoad(service.url, Date.now() + 3000); // warm-up
    rows.push(
      line(`${mode}: surveys alone`, await surveyLoad(service.url, Date.now() + WINDOW_MS)),
    );
    console.log(rows.at(-1));
    const until = Date.now() + WINDOW_MS;
    const [surveys, views] = await Promise.all([
      surveyLoad(service.url, until),
      viewLoad(service.url, key, period, until),
    ]);
    rows.push(line(`${mode}: surveys while ${MANAGERS} managers load the page`, surveys));
    rows.push(
      `| ${mode}: their page views (survey.dashboard) | n ${views.views.length}, p50 ${ms(quantile(views.views, 0.5))}, max ${ms(views.views.at(-1) ?? NaN)}, ${views.busy} answered 503 service-busy |`,
    );
    console.log(rows.slice(-2).join('\n'));
    service.child.kill('SIGTERM');
    await new Promise((done) => service.child.once('exit', done));
  }
  await close();
  console.log(
    `\n${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores, Node ${process.version}, FerretDB ${FERRETDB_VERSION} (SQLite), ${ROOMS.toLocaleString('en')} rooms, ${SURVEY_CLIENTS} survey clients, ${WINDOW_MS / 1000} s windows\n`,
  );
  console.log('| run | POST room.survey (or page view) |\n|---|---|');
  console.log(rows.join('\n'));
}

main().catch((error: unknown) => {
  console.error(`bench failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
