import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SURVEY_PATH } from './servers';
import type { BenchSession } from './session';

/** What the load runner (load-runner.js) reports for one run. */
export interface LoadResult {
  requestsPerSec: number;
  total: number;
  latencyMs: { p50: number; p97_5: number; p99: number; max: number };
  /** Connection errors and timeouts (timeouts are counted in both). */
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
}

export interface LoadSpec {
  /** The server's base URL. */
  url: string;
  connections: number;
  durationSec: number;
  timeoutSec: number;
  bodies: string[];
}

const RUNNER = join(__dirname, 'load-runner.js');
let runs = 0;

/** One autocannon run, in its own process (see load-runner.js). */
export async function runLoad(session: BenchSession, spec: LoadSpec): Promise<LoadResult> {
  const name = `load-${++runs}`;
  const configPath = join(session.dir, `${name}.json`);
  const { url, ...rest } = spec;
  writeFileSync(
    configPath,
    JSON.stringify({ ...rest, url: url + SURVEY_PATH, contentType: 'application/json' }),
  );
  const stdout = await session.runNode(name, [RUNNER, configPath]);
  return JSON.parse(stdout.trim().split('\n').pop()!) as LoadResult;
}

/**
 * Why a run does not count, or null when it does: any error or timeout, any status other than
 * the expected one, or no answer at all.
 */
export function disqualification(result: LoadResult, expectedStatus: number): string | null {
  const unexpected = Object.entries(result.statusCodes).filter(
    ([code]) => Number(code) !== expectedStatus,
  );
  if (result.errors > 0) return `${result.errors} errors (${result.timeouts} timeouts)`;
  if (unexpected.length > 0) {
    return `unexpected statuses ${unexpected.map(([code, n]) => `${code}×${n}`).join(', ')}`;
  }
  if (result.total === 0) return 'no answers';
  return null;
}

/** Runs several loads at once (one per server instance) and returns their results. */
export function runLoads(session: BenchSession, specs: LoadSpec[]): Promise<LoadResult[]> {
  return Promise.all(specs.map((spec) => runLoad(session, spec)));
}
