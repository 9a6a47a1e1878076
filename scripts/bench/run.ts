/**
 * `npm run bench`: POST room.survey on this service (A), a plain Express baseline (B) and a bare
 * node:http floor (C), all against one FerretDB the bench starts (or BENCH_MONGODB_URI); then
 * one instance of A vs two, and A as the data grows. Prints the tables and writes
 * docs/BENCHMARKS.md. Settings: BENCH_* variables (see options.ts). Everything it starts is
 * stopped, and its temp dir removed, on every way out.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { measureBackground } from './background';
import { withDatabaseName } from './database-uri';
import {
  measureInstances,
  measurePaths,
  measurePool,
  measureSizes,
  measureTail,
  type Bench,
} from './measure';
import { changedSettings, readOptions, type BenchOptions } from './options';
import { ensurePrerequisites, PROJECT_ROOT } from './prerequisites';
import { describeMachine, renderReport, type ReportInput } from './report';
import { Seeder } from './seed';
import { assertSameAnswers } from './self-check';
import { assertSameStatements } from './statement-check';
import {
  peakRssMb,
  serverEnvironment,
  startServer,
  type RunningServer,
  type ServerId,
} from './servers';
import { BenchSession } from './session';

const started = Date.now();
const step = (label: string) =>
  console.log(`\n[${Math.round((Date.now() - started) / 1000)} s] ${label}`);

async function main(): Promise<void> {
  const options = readOptions();
  const machine = describeMachine();
  step(`bench: about ${Math.round(estimatedLoadSec(options) / 60)} min of load to come`);
  const { ferretDbBinary } = ensurePrerequisites(!options.mongodbUri);
  if (options.cpuProfileDir) mkdirSync(options.cpuProfileDir, { recursive: true });
  const session = new BenchSession(options.keepTemp, options.cpuProfileDir);
  let seeder: Seeder | undefined;
  try {
    step(`starting the database; logs in ${session.logDir}`);
    // Our own FerretDB, or an external server in a database of the bench's own, dropped after.
    const server = options.mongodbUri ?? (await session.startDatabase(ferretDbBinary)).uri;
    const dbName = options.mongodbUri ? `livechat_bench_${Date.now().toString(36)}` : 'bench';
    const { env, config } = serverEnvironment(
      withDatabaseName(server, dbName),
      !options.mongodbUri,
      options.nodeOptions,
    );
    seeder = await Seeder.connect(config.database.uri!, config.collections);
    const database = await seeder.serverDescription();
    step(`seeding ${options.rooms} visitors and rooms on ${database.description}`);
    await seeder.resize(options.rooms);

    step('starting A, B and C');
    const servers = {
      A: await startServer(session, 'A', 'A', env),
      B: await startServer(session, 'B', 'B', env),
      C: await startServer(session, 'C', 'C', env),
    };
    step('self-check: B and C answer exactly as A');
    await assertSameAnswers([servers.A, servers.B, servers.C], seeder.rooms);
    // Through a recording proxy: only in front of the bench's own FerretDB.
    const statements = options.mongodbUri
      ? undefined
      : await checkStatements(session, env, seeder, config.database.uri!);

    const results = await measureAll({ session, options, seeder }, servers, env);
    const elapsedSec = (Date.now() - started) / 1000;
    const report = await renderReport({
      ...results,
      statements,
      options,
      changed: changedSettings(),
      machine,
      database,
      elapsedSec,
    });
    const out = resolve(PROJECT_ROOT, options.out);
    mkdirSync(dirname(out), { recursive: true });
    // The file is this bench's, but for the section `npm run bench:reports` keeps in it.
    const current = existsSync(out) ? readFileSync(out, 'utf8') : '';
    const reports = /<!-- bench:reports -->[\s\S]*<!-- \/bench:reports -->/.exec(current);
    writeFileSync(out, reports ? `${report}\n${reports[0]}\n` : report);
    console.log(`\n${report}\nbench: written to ${options.out}`);
    if (options.cpuProfileDir) {
      console.log(
        `bench: CPU profiles (<server>-<time>.cpuprofile) go to ${options.cpuProfileDir} as the servers stop; read them with npm run bench:profile -- <file>`,
      );
    }
  } finally {
    if (options.mongodbUri) await seeder?.drop();
    await seeder?.close();
    await session.close();
  }
}

/** C's statements per path, checked equal to A's (statement-check.ts). */
async function checkStatements(
  session: BenchSession,
  env: NodeJS.ProcessEnv,
  seeder: Seeder,
  uri: string,
): Promise<string[]> {
  step('statement check: C sends the database exactly the statements A sends');
  const statements = await assertSameStatements(
    uri,
    seeder.rooms.slice(2, 4),
    (id, name, proxied) => startServer(session, id, name, { ...env, MONGODB_URI: proxied }),
    (child) => session.stop(child),
  );
  for (const line of statements) console.log(`  ${line}`);
  return statements;
}

type Measured = Pick<
  ReportInput,
  'paths' | 'pool' | 'instances' | 'sizes' | 'tail' | 'background' | 'peaks'
>;

/** The phases that BENCH_PHASES selects, then every process's peak memory. */
async function measureAll(
  bench: Bench,
  servers: Record<ServerId, RunningServer>,
  env: NodeJS.ProcessEnv,
): Promise<Measured> {
  const { options, session } = bench;
  const results: Measured = { peaks: [] };
  if (options.phases.has('paths')) {
    step('the three paths on A, B and C');
    results.paths = await measurePaths(bench, servers);
  }
  if (options.phases.has('tail')) {
    step(`invalid-token alone, ${options.tailDurationSec} s runs, on A, B and C with --trace-gc`);
    results.tail = await measureTail(bench, (id) =>
      startServer(session, id, `${id}-tail`, env, { nodeArgs: ['--trace-gc'] }),
    );
  }
  if (options.phases.has('pool')) {
    step(`DB_MAX_POOL_SIZE ${options.poolSizes.join(', ')} on A (success path)`);
    results.pool = await measurePool(bench, (size) =>
      startServer(session, 'A', `A-pool${size}`, { ...env, DB_MAX_POOL_SIZE: String(size) }),
    );
  }
  if (options.phases.has('instances')) {
    step('one instance of A vs two');
    const second = await startServer(session, 'A', 'A2', env);
    results.instances = await measureInstances(bench, servers.A, second);
    results.peaks.push(peak('A2 (second instance of A)', second));
    await session.stop(second.child);
  }
  if (options.phases.has('background')) {
    step('background work: 0 hooks, 3 hooks, 3 hooks + room.closed on A (success path)');
    results.background = await measureBackground(
      bench,
      (name, extra, script) => startServer(session, 'A', name, { ...env, ...extra }, { script }),
      options.beforeScript,
    );
  }
  if (options.phases.has('sizes')) {
    step(`data sizes ${options.sizes.join(', ')} on A`);
    results.sizes = await measureSizes(bench, servers.A);
  }
  results.peaks.unshift(peak('A', servers.A), peak('B', servers.B), peak('C', servers.C));
  const databasePid = session.databasePid();
  if (databasePid) results.peaks.push({ process: 'FerretDB', mb: peakRssMb(databasePid) });
  return results;
}

const peak = (name: string, server: RunningServer) => ({
  process: name,
  mb: peakRssMb(server.child.pid),
});

/**
 * Load time (runs and warm-ups) plus, per run, starting its runner and letting the server settle
 * (about 1.5 s); builds, seeding and start-ups come on top.
 */
function estimatedLoadSec(o: BenchOptions): number {
  const phases = [
    { on: o.phases.has('paths'), runs: 3 * 3, sec: o.warmupSec },
    { on: o.phases.has('paths'), runs: 3 * 6 * o.rounds, sec: o.durationSec },
    { on: o.phases.has('pool'), runs: o.poolSizes.length, sec: o.warmupSec + 2 },
    { on: o.phases.has('pool'), runs: o.poolSizes.length, sec: o.durationSec },
    { on: o.phases.has('instances'), runs: 1, sec: o.warmupSec },
    { on: o.phases.has('instances'), runs: 2 * o.instanceRounds, sec: o.durationSec },
    { on: o.phases.has('sizes'), runs: o.sizes.length, sec: o.durationSec },
    { on: o.phases.has('tail'), runs: 3, sec: o.warmupSec },
    { on: o.phases.has('tail'), runs: 6 * o.rounds, sec: o.tailDurationSec },
    // Each run on a fresh A: about 3 s more for its start.
    {
      on: o.phases.has('background'),
      runs: 4 * (o.beforeScript ? 4 : 2) * o.rounds,
      sec: o.warmupSec + o.durationSec + 3,
    },
  ];
  return phases.filter((p) => p.on).reduce((sum, p) => sum + p.runs * (p.sec + 1.5), 0);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`\nbench failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
