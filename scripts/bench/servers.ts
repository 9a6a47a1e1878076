import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import {
  buildAppConfig,
  EMBEDDED_DB_OPERATION_TIMEOUT_MS,
  EMBEDDED_DB_POOL_SIZE,
  type AppConfig,
} from '../../src/config/app.config';
import { freePort } from '../../src/database/ferretdb.process';
import type { BenchSession } from './session';

export const SURVEY_PATH = '/api/v1/livechat/room.survey';

/** The Node options the Docker image runs the service with (its V8 heap cap): A gets them too. */
export const PRODUCTION_NODE_OPTIONS = '--max-old-space-size=128 --max-semi-space-size=16';

export type ServerId = 'A' | 'B' | 'C';

/** The three servers compared on the hot path (scripts relative to the project). */
export const SERVERS: Record<ServerId, { label: string; script: string }> = {
  A: { label: 'A: livechat-survey (NestJS, Mongoose)', script: 'dist/main.js' },
  B: {
    label: 'B: Express 5 + driver (helmet, pino-http)',
    script: 'scripts/bench/baseline-express.js',
  },
  C: { label: 'C: node:http + driver (floor)', script: 'scripts/bench/floor-http.js' },
};

export interface RunningServer {
  /** A, B, C, or A2 for the second instance of A. */
  name: string;
  url: string;
  child: ChildProcess;
}

/**
 * The environment all servers get (B and C read the service's own variables). Everything that
 * changes an answer is set here, so a stray `.env` (which only the service reads) cannot make A
 * answer differently from B and C. On the bench's own FerretDB all three get the embedded
 * default's pool size and operation bound (NODE_ENV=production needs MONGODB_URI, which would give
 * the driver's pool and the 3 s bound).
 */
export function serverEnvironment(
  databaseUri: string,
  ownFerretDb: boolean,
  nodeOptions: string = PRODUCTION_NODE_OPTIONS,
): {
  env: NodeJS.ProcessEnv;
  config: AppConfig;
} {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    // All three run with the same Node options (the heap cap changes GC work).
    NODE_OPTIONS: nodeOptions,
    RATE_LIMIT_ENABLED: 'false',
    MONGODB_URI: databaseUri,
    DB_SERVER_SELECTION_TIMEOUT_MS: '5000',
    DB_MONITOR_COMMANDS: 'false',
    ...(ownFerretDb && {
      DB_MAX_POOL_SIZE: String(EMBEDDED_DB_POOL_SIZE),
      DB_OPERATION_TIMEOUT_MS: String(EMBEDDED_DB_OPERATION_TIMEOUT_MS),
    }),
  };
  const config = buildAppConfig(env);
  Object.assign(env, {
    SURVEY_ITEMS: config.survey.items.join(','),
    SURVEY_VALUES: config.survey.values.join(','),
    ROOMS_COLLECTION: config.collections.rooms,
    VISITORS_COLLECTION: config.collections.visitors,
  });
  return { env, config };
}

/** How to start a server otherwise than the bench does (the instruction counts' valgrind). */
export interface StartOptions {
  /** Runs Node under this program, with these leading arguments. */
  launcher?: string[];
  /** Another script than the server's own (an older build of A, to compare). */
  script?: string;
  /** Node flags for this server alone (the tail phase's --trace-gc). */
  nodeArgs?: string[];
}

export async function startServer(
  session: BenchSession,
  id: ServerId,
  name: string,
  env: NodeJS.ProcessEnv,
  how: StartOptions = {},
): Promise<RunningServer> {
  const port = await freePort();
  // Profiled when asked (--cpu-prof is refused in NODE_OPTIONS).
  const profile = session.cpuProfileDir
    ? [
        '--cpu-prof',
        `--cpu-prof-dir=${session.cpuProfileDir}`,
        `--cpu-prof-name=${name}-${Date.now()}.cpuprofile`,
      ]
    : [];
  const child = session.spawnNode(
    name,
    how.script ?? SERVERS[id].script,
    // METRICS_PORT 0: several servers (and a running `npm start`) must not clash on its default.
    { ...env, PORT: String(port), METRICS_PORT: '0' },
    [...profile, ...(how.nodeArgs ?? [])],
    how.launcher,
  );
  const server = { name, url: `http://127.0.0.1:${port}`, child };
  // Under valgrind a start takes minutes.
  await waitUntilAnswering(session, server, how.launcher ? 600_000 : 60_000);
  return server;
}

/** Waits for the first HTTP answer (any status) from the survey route. */
async function waitUntilAnswering(
  session: BenchSession,
  server: RunningServer,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null || server.child.signalCode !== null) {
      throw new Error(`server ${server.name} exited at start:\n${session.tail(server.name)}`);
    }
    try {
      await fetch(server.url + SURVEY_PATH, { method: 'POST' });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(
    `server ${server.name} did not answer within ${timeoutMs / 1000} s:\n${session.tail(server.name)}`,
  );
}

/** The process's peak resident set size (VmHWM) in MB; undefined off Linux. */
export function peakRssMb(pid: number | undefined): number | undefined {
  const status = `/proc/${pid}/status`;
  if (pid === undefined || !existsSync(status)) return undefined;
  const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(status, 'utf8'));
  return match ? Number(match[1]) / 1024 : undefined;
}
