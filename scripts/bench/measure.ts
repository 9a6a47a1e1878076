import { readFileSync, statSync } from 'node:fs';
import { disqualification, runLoad, runLoads, type LoadResult, type LoadSpec } from './load';
import type { BenchOptions } from './options';
import { HOT_PATHS, requestBodies } from './paths';
import type { Seeder } from './seed';
import type { RunningServer, ServerId } from './servers';
import type {
  GcPauses,
  InstanceResults,
  PathResults,
  PoolResult,
  Run,
  SizeResult,
  TailResults,
  TailRun,
} from './results';
import type { BenchSession } from './session';
import { num } from './tables';

export interface Bench {
  session: BenchSession;
  options: BenchOptions;
  seeder: Seeder;
}

/**
 * The longest wait after a run for the answers still in flight: when a run ends, the server and
 * the database still work on the last requests (slow on FerretDB), which would load the next run.
 */
export const SETTLE_CAP_MS = 1000;

// Alternating, so that drift (a machine warming up, another job starting) spreads evenly.
const ORDER: ServerId[] = ['A', 'B', 'C', 'C', 'B', 'A'];

/** Each path on A, B and C: a discarded warm-up each, then rounds of A B C C B A. */
export async function measurePaths(
  bench: Bench,
  servers: Record<ServerId, RunningServer>,
): Promise<PathResults> {
  const results = {} as PathResults;
  for (const path of HOT_PATHS) {
    const bodies = requestBodies(path.name, bench.seeder.rooms);
    const connections =
      path.databaseCommands > 0 ? bench.options.dbConnections : bench.options.connections;
    const load = (id: ServerId, durationSec: number) =>
      measure(
        bench,
        spec(bench, servers[id].url, bodies, durationSec, connections),
        path.expectedStatus,
      );
    results[path.name] = { A: [], B: [], C: [] };
    for (const id of ['A', 'B', 'C'] as const) {
      report(`${path.name} ${id} warm-up`, await load(id, bench.options.warmupSec));
    }
    for (let round = 1; round <= bench.options.rounds; round++) {
      for (const id of ORDER) {
        const run = await load(id, bench.options.durationSec);
        results[path.name][id].push(run);
        report(`${path.name} ${id} round ${round}/${bench.options.rounds}`, run);
      }
    }
  }
  return results;
}

/**
 * invalid-token alone, longer, on fresh servers started with --trace-gc (`start`): a discarded
 * warm-up each, then rounds of A B C C B A, each run with the GC pauses its server logged, so
 * that a slow tail can be set against the collector's pauses and against the floor's own tail.
 */
export async function measureTail(
  bench: Bench,
  start: (id: ServerId) => Promise<RunningServer>,
): Promise<TailResults> {
  const bodies = requestBodies('invalid-token', bench.seeder.rooms);
  const servers = {} as Record<ServerId, RunningServer>;
  for (const id of ['A', 'B', 'C'] as const) servers[id] = await start(id);
  try {
    const results: TailResults = { A: [], B: [], C: [] };
    const load = async (id: ServerId, durationSec: number): Promise<TailRun> => {
      const log = bench.session.logPath(servers[id].name, 'out');
      const from = statSync(log).size;
      const { dbConnections } = bench.options;
      const run = await measure(
        bench,
        spec(bench, servers[id].url, bodies, durationSec, dbConnections),
        400,
      );
      return { ...run, gc: gcPauses(readFileSync(log).subarray(from).toString('utf8')) };
    };
    for (const id of ['A', 'B', 'C'] as const) {
      report(`invalid-token tail ${id} warm-up`, await load(id, bench.options.warmupSec));
    }
    for (let round = 1; round <= bench.options.rounds; round++) {
      for (const id of ORDER) {
        const run = await load(id, bench.options.tailDurationSec);
        results[id].push(run);
        const { count, totalMs, longestMs } = run.gc;
        report(
          `invalid-token tail ${id} round ${round}/${bench.options.rounds} (GC: ${count} pauses, ${num(totalMs)} ms, longest ${num(longestMs)} ms)`,
          run,
        );
      }
    }
    return results;
  } finally {
    for (const server of Object.values(servers)) await bench.session.stop(server.child);
  }
}

/** The pauses in V8's --trace-gc lines: `... ms: Scavenge ... MB, 1.23 / 0.00 ms ...`. */
export function gcPauses(log: string): GcPauses {
  const pauses = [
    ...log.matchAll(
      /ms: (?:Scavenge|Mark-Compact|Mark-Sweep|Minor Mark-Sweep)\b[^\n]*?, ([\d.]+) \/ [\d.]+ ms/g,
    ),
  ].map((match) => Number(match[1]));
  return {
    count: pauses.length,
    totalMs: pauses.reduce((sum, ms) => sum + ms, 0),
    longestMs: Math.max(0, ...pauses),
  };
}

/**
 * The success path on one instance of A, then on two (same database, load split between two
 * runners, requests/s summed), alternating per round.
 */
export async function measureInstances(
  bench: Bench,
  first: RunningServer,
  second: RunningServer,
): Promise<InstanceResults> {
  const bodies = requestBodies('success', bench.seeder.rooms);
  const { dbConnections } = bench.options;
  // Each runner writes to its own half of the rooms, with dbConnections connections.
  const split = (durationSec: number): LoadSpec[] =>
    [first, second].map((server, i) =>
      spec(
        bench,
        server.url,
        bodies.filter((_, j) => j % 2 === i),
        durationSec,
        dbConnections,
      ),
    );
  // The same load on one instance: both runners' connections.
  const one = (durationSec: number) =>
    measure(bench, spec(bench, first.url, bodies, durationSec, 2 * dbConnections), 200);
  const two = async (durationSec: number) => {
    const result = combine(await runLoads(bench.session, split(durationSec)));
    bench.session.assertServersUp();
    await settle(result);
    return judged(result, 200);
  };

  report('two instances warm-up', await two(bench.options.warmupSec));
  const results: InstanceResults = { one: [], two: [] };
  const rounds = bench.options.instanceRounds;
  for (let round = 1; round <= rounds; round++) {
    for (const count of round % 2 === 1 ? (['one', 'two'] as const) : (['two', 'one'] as const)) {
      const run = await (count === 'one' ? one : two)(bench.options.durationSec);
      results[count].push(run);
      report(`${count} instance(s) round ${round}/${rounds}`, run);
    }
  }
  return results;
}

/**
 * The success path on A started with each DB_MAX_POOL_SIZE in turn: a discarded warm-up, then
 * one run. `start` starts A with a given pool size; the bench stops it after.
 */
export async function measurePool(
  bench: Bench,
  start: (poolSize: number) => Promise<RunningServer>,
): Promise<PoolResult[]> {
  const bodies = requestBodies('success', bench.seeder.rooms);
  const results: PoolResult[] = [];
  for (const poolSize of bench.options.poolSizes) {
    const server = await start(poolSize);
    try {
      await measure(bench, spec(bench, server.url, bodies, bench.options.warmupSec), 200);
      const run = await measure(bench, spec(bench, server.url, bodies), 200);
      results.push({ poolSize, run });
      report(`pool ${poolSize}`, run);
    } finally {
      await bench.session.stop(server.child);
    }
  }
  return results;
}

/** The success path on A alone as the data grows (the database grows: run this last). */
export async function measureSizes(bench: Bench, server: RunningServer): Promise<SizeResult[]> {
  const results: SizeResult[] = [];
  for (const rooms of bench.options.sizes) {
    await bench.seeder.resize(rooms);
    const bodies = requestBodies('success', bench.seeder.rooms);
    const { durationSec, sizeConnections } = bench.options;
    const load = spec(bench, server.url, bodies, durationSec, sizeConnections);
    const run = await measure(bench, load, 200);
    results.push({ rooms, run });
    report(`${rooms} rooms`, run);
  }
  return results;
}

export function spec(
  bench: Bench,
  url: string,
  bodies: string[],
  durationSec = bench.options.durationSec,
  connections = bench.options.connections,
): LoadSpec {
  return { url, connections, durationSec, timeoutSec: bench.options.timeoutSec, bodies };
}

export async function measure(bench: Bench, load: LoadSpec, expectedStatus: number): Promise<Run> {
  const result = await runLoad(bench.session, load);
  bench.session.assertServersUp();
  await settle(result);
  return judged(result, expectedStatus);
}

/** Waits about as long as the run's slow answers took (p99; the cap when none came). */
function settle(result: LoadResult): Promise<void> {
  const ms = Math.min(result.total > 0 ? result.latencyMs.p99 : SETTLE_CAP_MS, SETTLE_CAP_MS);
  return new Promise((resolve) => setTimeout(resolve, ms));
}

const judged = (result: LoadResult, expectedStatus: number): Run => ({
  result,
  problem: disqualification(result, expectedStatus),
});

/** Two simultaneous runs as one: rates and counts summed, p50 weighted, the worse tail. */
function combine(results: LoadResult[]): LoadResult {
  const total = results.reduce((sum, r) => sum + r.total, 0);
  const sum = (pick: (r: LoadResult) => number) => results.reduce((s, r) => s + pick(r), 0);
  const worst = (pick: (r: LoadResult) => number) => Math.max(...results.map(pick));
  const statusCodes: Record<string, number> = {};
  for (const r of results) {
    for (const [code, n] of Object.entries(r.statusCodes)) {
      statusCodes[code] = (statusCodes[code] ?? 0) + n;
    }
  }
  return {
    requestsPerSec: sum((r) => r.requestsPerSec),
    total,
    latencyMs: {
      p50: total > 0 ? sum((r) => r.latencyMs.p50 * r.total) / total : 0,
      p97_5: worst((r) => r.latencyMs.p97_5),
      p99: worst((r) => r.latencyMs.p99),
      max: worst((r) => r.latencyMs.max),
    },
    errors: sum((r) => r.errors),
    timeouts: sum((r) => r.timeouts),
    statusCodes,
  };
}

export function report(label: string, { result, problem }: Run): void {
  const { p50, p99 } = result.latencyMs;
  const figures = `${num(result.requestsPerSec)} req/s, p50 ${num(p50)} ms, p99 ${num(p99)} ms`;
  console.log(`  ${label}: ${figures}${problem ? `  NOT COUNTED: ${problem}` : ''}`);
}
