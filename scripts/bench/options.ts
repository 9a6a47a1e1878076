import { resolve } from 'node:path';
import { PRODUCTION_NODE_OPTIONS } from './servers';

/** The bench's settings: the only place that reads its BENCH_* variables. */
export interface BenchOptions {
  /** Seconds per measured run. */
  durationSec: number;
  /** Seconds of the discarded warm-up run before each path's rounds. */
  warmupSec: number;
  /** Rounds of A B C C B A per path. */
  rounds: number;
  /** Rounds of (one instance, two instances), alternating the order. */
  instanceRounds: number;
  /** Connections for invalid-params (no database) and the pool phase. */
  connections: number;
  /**
   * Connections for the paths that query the database, and per instance in the instances
   * phase: as many as the embedded pool, so that they measure a request, not a queue.
   */
  dbConnections: number;
  /** Visitors and rooms seeded (one room each) for the path and instance measurements. */
  rooms: number;
  /** Room counts for the data-size measurement. */
  sizes: number[];
  /** Connections of the data-size measurement (1: a request's own latency, no queue). */
  sizeConnections: number;
  /** DB_MAX_POOL_SIZE values tried on A in the pool phase. */
  poolSizes: number[];
  /** Seconds before autocannon counts a request as timed out. */
  timeoutSec: number;
  /** Seconds per run of the tail phase (invalid-token alone, longer). */
  tailDurationSec: number;
  phases: Set<Phase>;
  /** Where the report is written, relative to the project. */
  out: string;
  /** Keep the temp dir (logs, database) instead of removing it. */
  keepTemp: boolean;
  /** Free text for the report's header (e.g. "smoke run on a busy machine"). */
  note?: string;
  /** BENCH_CPU_PROFILE: a directory where every server writes a CPU profile as it stops. */
  cpuProfileDir?: string;
  /** An external MongoDB to measure on instead of the bench's own FerretDB (never printed). */
  mongodbUri?: string;
  /** NODE_OPTIONS of every server (default: the image's), to measure other V8 flags. */
  nodeOptions: string;
  /** BENCH_BEFORE_SCRIPT: another build of A (its main.js) the background phase compares with. */
  beforeScript?: string;
}

export type Phase = 'paths' | 'pool' | 'instances' | 'sizes' | 'tail' | 'background';
const PHASES: Phase[] = ['paths', 'pool', 'instances', 'sizes', 'tail', 'background'];
/**
 * What `npm run bench` runs by default; `tail` and `background` only when asked
 * (BENCH_PHASES=tail, BENCH_PHASES=background).
 */
const DEFAULT_PHASES: Phase[] = ['paths', 'pool', 'instances', 'sizes'];

export const DEFAULTS: Record<string, string> = {
  BENCH_DURATION: '7',
  BENCH_WARMUP: '2',
  BENCH_ROUNDS: '2',
  BENCH_INSTANCE_ROUNDS: '1',
  BENCH_CONNECTIONS: '10',
  BENCH_DB_CONNECTIONS: '2',
  BENCH_ROOMS: '1000',
  BENCH_SIZES: '250,500,1000,5000,20000',
  BENCH_SIZE_CONNECTIONS: '1',
  BENCH_POOL_SIZES: '1,2,10',
  BENCH_TIMEOUT: '10',
  BENCH_TAIL_DURATION: '30',
  BENCH_PHASES: DEFAULT_PHASES.join(','),
  BENCH_OUT: 'docs/BENCHMARKS.md',
  BENCH_NODE_OPTIONS: PRODUCTION_NODE_OPTIONS,
  // Unset: the background phase measures this build alone.
  BENCH_BEFORE_SCRIPT: '',
};

export function readOptions(env: NodeJS.ProcessEnv = process.env): BenchOptions {
  const value = (name: string) => env[name] ?? DEFAULTS[name];
  const count = (name: string) => positiveInt(name, value(name));
  const list = (name: string) =>
    value(name)
      .split(',')
      .map((item) => positiveInt(name, item.trim()))
      .sort((a, b) => a - b);
  const phases = value('BENCH_PHASES')
    .split(',')
    .map((p) => p.trim());
  const unknown = phases.filter((p) => !PHASES.includes(p as Phase));
  if (unknown.length > 0) {
    throw new Error(`BENCH_PHASES: unknown ${unknown.join(', ')} (known: ${PHASES.join(', ')})`);
  }
  // The self-check needs two visitors' rooms (one answers invalid-room for the other).
  if (count('BENCH_ROOMS') < 2) throw new Error('BENCH_ROOMS must be at least 2');
  return {
    durationSec: count('BENCH_DURATION'),
    warmupSec: count('BENCH_WARMUP'),
    rounds: count('BENCH_ROUNDS'),
    instanceRounds: count('BENCH_INSTANCE_ROUNDS'),
    connections: count('BENCH_CONNECTIONS'),
    dbConnections: count('BENCH_DB_CONNECTIONS'),
    rooms: count('BENCH_ROOMS'),
    sizes: list('BENCH_SIZES'),
    sizeConnections: count('BENCH_SIZE_CONNECTIONS'),
    poolSizes: list('BENCH_POOL_SIZES'),
    timeoutSec: count('BENCH_TIMEOUT'),
    tailDurationSec: count('BENCH_TAIL_DURATION'),
    phases: new Set(phases as Phase[]),
    out: value('BENCH_OUT'),
    keepTemp: env.BENCH_KEEP_TEMP === '1',
    note: env.BENCH_NOTE,
    mongodbUri: env.BENCH_MONGODB_URI || undefined,
    nodeOptions: value('BENCH_NODE_OPTIONS'),
    cpuProfileDir: env.BENCH_CPU_PROFILE ? resolve(env.BENCH_CPU_PROFILE) : undefined,
    beforeScript: env.BENCH_BEFORE_SCRIPT ? resolve(env.BENCH_BEFORE_SCRIPT) : undefined,
  };
}

/** The BENCH_* variables set to something else than their default, as `NAME=value`. */
export function changedSettings(env: NodeJS.ProcessEnv = process.env): string[] {
  return Object.keys(DEFAULTS)
    .filter((name) => env[name] !== undefined && env[name] !== DEFAULTS[name])
    .map((name) => `${name}=${env[name]}`);
}

function positiveInt(name: string, raw: string): number {
  const parsed = Number(raw);
  if (!Number.isInteger(parsed) || parsed <= 0) {
    throw new Error(`${name} must be a positive integer, got "${raw}"`);
  }
  return parsed;
}
