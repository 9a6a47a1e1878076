import type { LoadResult } from './load';
import type { PathName } from './paths';
import type { ServerId } from './servers';

// What the measurements (measure.ts) find and the tables (tables.ts) print: neither imports the other's
// shapes, so the two do not import each other.

/** One measured run; `problem` says why it does not count (null: it counts). */
export interface Run {
  result: LoadResult;
  problem: string | null;
}

export type PathResults = Record<PathName, Record<ServerId, Run[]>>;
export interface InstanceResults {
  one: Run[];
  two: Run[];
}
export interface SizeResult {
  rooms: number;
  run: Run;
}
export interface PoolResult {
  poolSize: number;
  run: Run;
}

/** GC pauses a server logged (--trace-gc) during one run. */
export interface GcPauses {
  count: number;
  totalMs: number;
  longestMs: number;
}

export interface TailRun extends Run {
  gc: GcPauses;
}

export type TailResults = Record<ServerId, TailRun[]>;
