import type {
  InstanceResults,
  PathResults,
  PoolResult,
  Run,
  SizeResult,
  TailResults,
  TailRun,
} from './results';
import { HOT_PATHS } from './paths';
import { SERVERS, type ServerId } from './servers';

/** A latency budget the data-size measurement is judged against. */
export const P99_BUDGET_MS = 250;

/** Means over the counted runs (NaN when none counted). */
interface Summary {
  counted: number;
  runs: number;
  rps: number;
  p50: number;
  p97_5: number;
  p99: number;
}

export function summarize(runs: Run[]): Summary {
  const counted = runs.filter((run) => run.problem === null).map((run) => run.result);
  const mean = (pick: (r: Run['result']) => number) =>
    counted.reduce((sum, r) => sum + pick(r), 0) / counted.length;
  return {
    counted: counted.length,
    runs: runs.length,
    rps: mean((r) => r.requestsPerSec),
    p50: mean((r) => r.latencyMs.p50),
    p97_5: mean((r) => r.latencyMs.p97_5),
    p99: mean((r) => r.latencyMs.p99),
  };
}

/** A figure for a table: integers from 100 up, one decimal below. */
export const num = (n: number) => (Number.isNaN(n) ? '—' : n >= 100 ? n.toFixed(0) : n.toFixed(1));
const ratio = (a: number, b: number) => (Number.isFinite(a / b) ? `${(a / b).toFixed(2)}×` : '—');

export function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

export function pathsTable(results: PathResults): string {
  const rows = HOT_PATHS.flatMap((path) =>
    (['A', 'B', 'C'] as ServerId[]).map((id) => {
      const s = summarize(results[path.name][id]);
      const name = path.databaseCommands > 0 ? `${path.name} †` : path.name;
      return [name, SERVERS[id].label, num(s.rps), num(s.p50), num(s.p97_5), num(s.p99)].concat(
        `${s.counted}/${s.runs}`,
      );
    }),
  );
  return table(['path', 'server', 'req/s', 'p50 ms', 'p97.5 ms', 'p99 ms', 'runs counted'], rows);
}

export function ratiosTable(results: PathResults): string {
  const rows = HOT_PATHS.map((path) => {
    const [a, b, c] = (['A', 'B', 'C'] as ServerId[]).map((id) =>
      summarize(results[path.name][id]),
    );
    return [
      path.databaseCommands > 0 ? `${path.name} †` : path.name,
      ratio(a.rps, b.rps),
      ratio(a.p99, b.p99),
      ratio(a.rps, c.rps),
      ratio(a.p99, c.p99),
    ];
  });
  return table(['path', 'A/B req/s', 'A/B p99', 'A/C req/s', 'A/C p99'], rows);
}

export function instancesTable(results: InstanceResults): string {
  const [one, two] = [summarize(results.one), summarize(results.two)];
  const row = (label: string, s: Summary) => [
    label,
    num(s.rps),
    num(s.p50),
    num(s.p99),
    `${s.counted}/${s.runs}`,
  ];
  return [
    table(
      ['instances of A', 'req/s (summed)', 'p50 ms', 'p99 ms', 'runs counted'],
      [row('1', one), row('2 (two runners, req/s summed)', two)],
    ),
    '',
    `Two instances / one: ${ratio(two.rps, one.rps)} the requests/s. With two, p50 is the ` +
      'runners’ mean weighted by their answers and p99 the worse runner’s.',
  ].join('\n');
}

export function sizesTable(results: SizeResult[]): string {
  const rows = results.map(({ rooms, run }) => {
    const { result } = run;
    return [
      rooms.toLocaleString('en-US'),
      num(result.requestsPerSec),
      num(result.latencyMs.p50),
      num(result.latencyMs.p99),
      `${result.errors} / ${result.timeouts}`,
      run.problem ?? 'yes',
    ];
  });
  return [
    table(
      ['rooms (and visitors)', 'req/s', 'p50 ms', 'p99 ms', 'errors / timeouts', 'counted'],
      rows,
    ),
    '',
    budgetVerdict(results),
  ].join('\n');
}

export function poolTable(results: PoolResult[]): string {
  const rows = results.map(({ poolSize, run }) => [
    String(poolSize),
    num(run.result.requestsPerSec),
    num(run.result.latencyMs.p50),
    num(run.result.latencyMs.p99),
    run.problem ?? 'yes',
  ]);
  return table(['DB_MAX_POOL_SIZE', 'req/s', 'p50 ms', 'p99 ms', 'counted'], rows);
}

/** Up to which size p99 stays under the budget (a run with errors or timeouts does not). */
export function budgetVerdict(results: SizeResult[]): string {
  const within = (r: SizeResult) =>
    r.run.problem === null && r.run.result.latencyMs.p99 < P99_BUDGET_MS;
  const firstOver = results.findIndex((r) => !within(r));
  const size = (r: SizeResult) => `${r.rooms.toLocaleString('en-US')} rooms`;
  const over = (r: SizeResult) =>
    r.run.problem
      ? `the run failed (${r.run.problem})`
      : `p99 is ${num(r.run.result.latencyMs.p99)} ms`;
  if (results.length === 0) return '';
  if (firstOver === -1) {
    return `**p99 stays under ${P99_BUDGET_MS} ms up to ${size(results.at(-1)!)}**, the largest size measured.`;
  }
  if (firstOver === 0) {
    return `**p99 is not under ${P99_BUDGET_MS} ms even at ${size(results[0])}**: ${over(results[0])}.`;
  }
  const last = results[firstOver - 1];
  const next = results[firstOver];
  return `**p99 stays under ${P99_BUDGET_MS} ms up to ${size(last)}**; at ${size(next)} ${over(next)}.`;
}

/** Every run that was not counted, and why. */
export function problems(results: { label: string; runs: Run[] }[]): string[] {
  return results.flatMap(({ label, runs }) =>
    runs.flatMap((run, i) => (run.problem ? [`${label}, run ${i + 1}: ${run.problem}`] : [])),
  );
}

/** The tail phase: latencies beside the GC pauses each server logged (means over counted runs). */
export function tailTable(tail: TailResults): string {
  const rows = (['A', 'B', 'C'] as const).map((id) => {
    const counted = tail[id].filter((run) => run.problem === null);
    const mean = (pick: (run: TailRun) => number) =>
      counted.reduce((sum, run) => sum + pick(run), 0) / counted.length;
    const s = summarize(tail[id]);
    return [
      SERVERS[id].label,
      num(mean((r) => r.result.total)),
      num(s.rps),
      num(s.p50),
      num(s.p99),
      num(mean((r) => r.result.latencyMs.max)),
      num(s.p99 - s.p50),
      num(mean((r) => r.gc.count)),
      num(mean((r) => r.gc.totalMs)),
      num(mean((r) => r.gc.longestMs)),
      `${s.counted}/${s.runs}`,
    ];
  });
  return table(
    [
      'server',
      'answers',
      'req/s',
      'p50 ms',
      'p99 ms',
      'max ms',
      'p99 − p50 ms',
      'GC pauses',
      'GC ms',
      'longest GC ms',
      'runs counted',
    ],
    rows,
  );
}
