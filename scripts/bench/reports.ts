/**
 * npm run bench:reports: how long a report takes over 10,000 and 50,000 surveyed rooms (a
 * summary, and groupBy=day), and the CSV export's rows/s and the service's peak RSS over
 * 100,000 rows; and a reports page view at 10,000: the calls the page made (four at once, five
 * with weekday × hour) against the one survey.dashboard call. Runs the built service
 * (dist/main.js under BENCH_SERVICE_DIR, default this checkout: another checkout's build gives
 * the "before" figures; the image's Node options) on its own FerretDB, or on BENCH_MONGODB_URI;
 * writes its section of docs/BENCHMARKS.md (BENCH_OUT).
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { openReportDatabase, startReportService } from './report-service';
import { DAY, insertRooms } from './report-rooms';
import { peakRssMb } from './servers';

const ROOT = resolve(__dirname, '..', '..');
const RUNS = Number(process.env.BENCH_REPORT_RUNS ?? 3);
const SIZES = (process.env.BENCH_REPORT_SIZES ?? '10000,50000').split(',').map(Number);
/** 0 skips the export at 100,000 rows (a quicker run on a shared machine). */
const EXPORT_ROWS = Number(process.env.BENCH_EXPORT_ROWS ?? 100_000);
const SERVICE_DIR = resolve(process.env.BENCH_SERVICE_DIR ?? ROOT);
const OUT = process.env.BENCH_OUT ?? join(ROOT, 'docs', 'BENCHMARKS.md');

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * A reports page view, from the first call to the last answer: the calls as the page made them
 * (web/src/useReports.ts: all at once), then as one survey.dashboard call (skipped, "n/a", on a
 * build without it: the "before" run); 2 × RUNS times each. Rows: `| view | calls | median | best |`.
 */
async function measurePageView(
  size: number,
  time: (query: string) => Promise<number>,
  period: string,
): Promise<string[]> {
  const q = `${period}&tz=Europe/Paris`;
  const page = [
    `survey.report?${q}&groupBy=day`,
    `survey.report?${q}&groupBy=agent`,
    `survey.report?${q}&groupBy=department`,
    `survey.responses?${q}&hasComment=true&count=10`,
  ];
  const views: Array<[string, string[]]> = [
    ["the page's four calls, at once", page],
    ['the same and weekday × hour (five)', [...page, `survey.report?${q}&groupBy=weekday-hour`]],
    ['survey.dashboard (one call)', [`survey.dashboard?${q}`]],
    ['survey.dashboard&compare=previous', [`survey.dashboard?${q}&compare=previous`]],
  ];
  const times: number[][] = views.map(() => []);
  const missing = new Set<number>();
  const view = async (i: number) => {
    if (missing.has(i)) return;
    const t0 = performance.now();
    try {
      await Promise.all(views[i][1].map(time));
      times[i].push(performance.now() - t0);
    } catch (error) {
      if (!String(error).includes(': 404')) throw error;
      missing.add(i);
    }
  };
  // A B B A: each round runs the views in order, then in reverse, so a shared machine's load,
  // which moves by the minute, weighs on each view alike.
  const order = views.map((_, i) => i);
  for (let r = 0; r < RUNS; r++) {
    for (const i of [...order, ...[...order].reverse()]) await view(i);
  }
  const figure = (ms: number | undefined) =>
    ms === undefined ? 'n/a' : `${(ms / 1000).toFixed(2)} s`;
  const rows = views.map(([name, calls], i) => {
    const some = times[i].length > 0;
    return `| ${name} | ${calls.length} | ${figure(some ? median(times[i]) : undefined)} | ${figure(some ? Math.min(...times[i]) : undefined)} |`;
  });
  rows.forEach((row, i) => {
    const samples = times[i].map((ms) => (ms / 1000).toFixed(1)).join(', ');
    console.log(`page view at ${size}: ${row} in order: ${samples}`);
  });
  return rows;
}

async function main(): Promise<void> {
  const started = Date.now();
  if (!existsSync(join(SERVICE_DIR, 'dist', 'main.js')))
    spawnSync('npm', ['run', 'build'], { cwd: SERVICE_DIR, stdio: 'inherit' });
  if (!process.env.BENCH_MONGODB_URI) {
    spawnSync('npm', ['run', 'ferretdb:build'], { cwd: ROOT, stdio: 'inherit' });
  }
  const database = await openReportDatabase('bench_reports');
  const key = randomBytes(24).toString('base64url');
  const { url, child: service } = await startReportService({
    uri: database.uri,
    key,
    dir: SERVICE_DIR,
    ownFerretDb: database.ownFerretDb,
  });
  const now = Date.now();
  const period = `from=${new Date(now - 90 * DAY).toISOString()}&to=${new Date(now + DAY).toISOString()}`;
  const time = async (query: string) => {
    const t0 = performance.now();
    const res = await fetch(`${url}/${query}`, { headers: { 'X-Api-Key': key } });
    const body = await res.text();
    if (res.status !== 200) throw new Error(`${query}: ${res.status} ${body}`);
    return performance.now() - t0;
  };
  const fill = (to: number) => insertRooms(database.client.db(), to, now);
  const reports: string[] = [];
  const pageViews: string[] = [];
  // The export at 10,000 and 100,000 rows: its memory must not grow with the number of rows.
  const exports: Array<Awaited<ReturnType<typeof measureExport>>> = [];
  const measureExport = async () => {
    // Resets the service's peak RSS (VmHWM), so the figure is the export's own.
    try {
      writeFileSync(`/proc/${service.pid}/clear_refs`, '5');
    } catch {
      /* not Linux: the peak is the process's whole life */
    }
    const before = peakRssMb(service.pid);
    const t0 = performance.now();
    const res = await fetch(`${url}/survey.export.csv?${period}`, {
      headers: { 'X-Api-Key': key },
    });
    let lines = 0;
    let bytes = 0;
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      bytes += chunk.length;
      for (const byte of chunk) if (byte === 10) lines++;
    }
    const seconds = (performance.now() - t0) / 1000;
    const result = { rows: lines - 1, bytes, seconds, before, peak: peakRssMb(service.pid) };
    console.log(
      `export: ${result.rows} rows, ${(bytes / 1e6).toFixed(1)} MB in ${seconds.toFixed(1)} s, peak RSS ${result.peak?.toFixed(0)} MB`,
    );
    return result;
  };
  for (const size of SIZES) {
    await fill(size);
    for (const [name, query] of [
      ['summary', `survey.report?${period}`],
      ['groupBy=day (Europe/Paris)', `survey.report?${period}&groupBy=day&tz=Europe/Paris`],
    ]) {
      const times: number[] = [];
      // The larger size once by default: on FerretDB one call is a scan of tens of seconds.
      const runs = size === SIZES[0] ? RUNS : Number(process.env.BENCH_REPORT_LARGE_RUNS ?? 1);
      for (let r = 0; r < runs; r++) times.push(await time(query));
      reports.push(
        `| ${size.toLocaleString('en')} | ${name} | ${(median(times) / 1000).toFixed(2)} s | ${(Math.min(...times) / 1000).toFixed(2)} s |`,
      );
      console.log(reports.at(-1));
    }
    if (size === SIZES[0]) {
      pageViews.push(...(await measurePageView(size, (query) => time(query), period)));
      exports.push(await measureExport());
    }
  }
  if (EXPORT_ROWS > 0) {
    await fill(EXPORT_ROWS);
    exports.push(await measureExport());
  }
  service.kill('SIGTERM');
  await database.close();
  const section = [
    '<!-- bench:reports -->',
    '## Survey reports (`npm run bench:reports`)',
    '',
    `${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}, database: ${database.where}; the built service with the image's Node options, one request at a time (a page view: its calls at once), ${RUNS} runs each at ${SIZES[0].toLocaleString('en')} rooms${SIZES[1] ? ` and BENCH_REPORT_LARGE_RUNS (default 1) at ${SIZES[1].toLocaleString('en')}` : ''} (median, best). Wall time of the whole bench: ${((Date.now() - started) / 1000).toFixed(0)} s.`,
    '',
    '| surveyed rooms | report | median | best |',
    '|---|---|---|---|',
    ...reports,
    '',
    `| page view at ${SIZES[0].toLocaleString('en')} rooms | calls | median | best |`,
    '|---|---|---|---|',
    ...pageViews,
    '',
    '| CSV export | size | time | rows/s | service RSS before | peak RSS during |',
    '|---|---|---|---|---|---|',
    ...exports.map(
      ({ rows, bytes, seconds, before, peak }) =>
        `| ${rows.toLocaleString('en')} rows | ${(bytes / 1e6).toFixed(1)} MB | ${seconds.toFixed(1)} s | **${Math.round(rows / seconds).toLocaleString('en')}** | ${before?.toFixed(0) ?? '?'} MB | ${peak?.toFixed(0) ?? '?'} MB |`,
    ),
    '',
    database.ownFerretDb
      ? "**These are FerretDB's scans.** On FerretDB v1 every query reads the whole collection in Go (no index is used): a report costs one projected cursor over every room, so its time grows with the collection, whatever the period. The export's rows/s is FerretDB's cursor speed too. The service's own work (folding the rows, writing CSV) is a small part; the export's rows are pulled from the cursor (batches of 1,000) only as the client reads the file, so its peak RSS is compared at two sizes above: ten times the rows must not mean more memory. On MongoDB the $or branches are index range scans over the period only."
      : 'Measured on MongoDB through BENCH_MONGODB_URI.',
    '<!-- /bench:reports -->',
  ].join('\n');
  const current = existsSync(OUT) ? readFileSync(OUT, 'utf8') : '';
  const marked = /<!-- bench:reports -->[\s\S]*<!-- \/bench:reports -->/;
  writeFileSync(
    OUT,
    marked.test(current)
      ? current.replace(marked, section)
      : `${current.trimEnd()}\n\n${section}\n`,
  );
  console.log(`wrote ${OUT}`);
}

main().catch((error: unknown) => {
  console.error(`bench:reports failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
