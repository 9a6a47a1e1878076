/**
 * BENCH_PHASES=background: what the background work (the webhook registry's and dispatcher's
 * polls, the room.closed watcher) costs the success path, in three cases: no hook; three hooks
 * that want survey.followed_up (their polls run, and the survey path's own statements stay the
 * same: a hook that wants survey.submitted adds the outbox write to each request, which is the
 * feature's cost, not the polls'); the same three also wanting room.closed, the watcher on its
 * own schedule (a fresh process: a scan at its start, then every 5 min; before issue 38 at 0,
 * 1, 3, 7, 15 s... since its start), and at its busiest (ROOM_CLOSED_POLL_MAX_MS at the poll
 * interval: a scan of the rooms every second, as while another instance or Rocket.Chat closes
 * rooms). Every run on a freshly started A (the polls' state is then the same in each): a
 * discarded warm-up, one measured run, stop. Each round runs every (case, build) once and then
 * again in reverse order; with BENCH_BEFORE_SCRIPT (another build of A, e.g. main's) the builds
 * are before and after, else only this one.
 */
import { randomBytes } from 'node:crypto';
import type { EventType } from '../../src/webhooks/webhook.schema';
import { measure, report, spec, type Bench } from './measure';
import type { Run } from './results';
import { requestBodies } from './paths';
import type { RunningServer } from './servers';
import { num, summarize, table } from './tables';

export type BackgroundCase = 'none' | 'hooks' | 'room-closed' | 'room-closed-busy';
export type Build = 'before' | 'after';

interface CaseSetup {
  name: BackgroundCase;
  label: string;
  events: EventType[];
  env: NodeJS.ProcessEnv;
}

const HOOKS = 3;
const CASES: CaseSetup[] = [
  { name: 'none', label: '0 hooks', events: [], env: {} },
  {
    name: 'hooks',
    label: `${HOOKS} hooks (survey.followed_up)`,
    events: ['survey.followed_up'],
    env: {},
  },
  {
    name: 'room-closed',
    label: `${HOOKS} hooks + room.closed poll`,
    events: ['survey.followed_up', 'room.closed'],
    env: {},
  },
  {
    name: 'room-closed-busy',
    label: `${HOOKS} hooks + room.closed poll every 1 s`,
    events: ['survey.followed_up', 'room.closed'],
    env: { ROOM_CLOSED_POLL_MAX_MS: '1000', WEBHOOKS_POLL_INTERVAL_MS: '1000' },
  },
];

export type BackgroundResults = {
  beforeScript?: string;
  runs: Record<BackgroundCase, Record<Build, Run[]>>;
};

/** Starts A (`script`: another build) with extra variables; the phase stops it after its run. */
export type StartA = (
  name: string,
  env: NodeJS.ProcessEnv,
  script?: string,
) => Promise<RunningServer>;

/** Hook documents as the webhooks routes store them (their URL never called: no event fires). */
function hookDocuments(events: EventType[]) {
  return Array.from({ length: events.length > 0 ? HOOKS : 0 }, (_, i) => ({
    _id: `bench-hook-${i}`,
    url: `http://127.0.0.1:9/bench-hook-${i}`,
    events,
    lowScoreThreshold: '2',
    secret: `whsec_${randomBytes(24).toString('base64')}`,
    createdAt: new Date(),
    active: true,
  }));
}

export async function measureBackground(
  bench: Bench,
  start: StartA,
  beforeScript: string | undefined,
): Promise<BackgroundResults> {
  const bodies = requestBodies('success', bench.seeder.rooms);
  const { warmupSec, durationSec, dbConnections, rounds } = bench.options;
  const runs = {} as BackgroundResults['runs'];
  for (const setup of CASES) runs[setup.name] = { before: [], after: [] };
  // Every (case, build) once, then in reverse: a machine's drift spreads over all of them.
  const builds: Build[] = beforeScript ? ['before', 'after'] : ['after'];
  const cells = builds.flatMap((build) => CASES.map((setup) => ({ setup, build })));
  const order = [...cells, ...[...cells].reverse()];
  try {
    for (let round = 1; round <= rounds; round++) {
      for (const { setup, build } of order) {
        await bench.seeder.replaceHooks(hookDocuments(setup.events));
        const name = `A-${setup.name}-${build}`;
        const server = await start(name, setup.env, build === 'before' ? beforeScript : undefined);
        try {
          const load = (sec: number) => spec(bench, server.url, bodies, sec, dbConnections);
          await measure(bench, load(warmupSec), 200);
          const run = await measure(bench, load(durationSec), 200);
          runs[setup.name][build].push(run);
          report(`${setup.label}, ${build}, round ${round}/${rounds}`, run);
        } finally {
          await bench.session.stop(server.child);
        }
      }
    }
  } finally {
    await bench.seeder.replaceHooks([]);
  }
  return { beforeScript, runs };
}

const percent = (n: number) => (Number.isFinite(n) ? `${(n * 100).toFixed(1)} %` : '—');

/** Per case and build: goodput and p99, and their change from the same build's 0 hooks. */
export function backgroundTable({ runs }: BackgroundResults): string {
  const builds = (['before', 'after'] as const).filter((b) => runs.none[b].length > 0);
  const rows = CASES.flatMap((setup) =>
    builds.map((build) => {
      const s = summarize(runs[setup.name][build]);
      const base = summarize(runs.none[build]);
      return [
        setup.label,
        build,
        num(s.rps),
        num(s.p99),
        setup.name === 'none' ? '—' : percent(1 - s.rps / base.rps),
        setup.name === 'none' ? '—' : percent(s.p99 / base.p99 - 1),
        `${s.counted}/${s.runs}`,
      ];
    }),
  );
  return table(
    ['case', 'build', 'req/s', 'p99 ms', 'goodput lost', 'p99 added', 'runs counted'],
    rows,
  );
}
