import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { freePort } from '../../src/database/ferretdb.process';

const MAIN = resolve(__dirname, '..', '..', 'dist', 'main.js');

/** The JSON log lines of a service's output (other lines, pretty or Node's own, are skipped). */
export function jsonLogLines<T = { level: number; context?: string; msg: string }>(
  output: string,
): T[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as T);
}

export interface RunningService {
  url: string;
  /** The metrics server (`/metrics` on METRICS_PORT). */
  metricsUrl: string;
  child: ChildProcess;
  /** Everything the process printed so far (its JSON log lines included). */
  output: () => string;
  /** Sends `signal` and resolves with the exit code once the process has exited. */
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
  exited: Promise<number | null>;
}

/**
 * `node dist/main.js` with only the environment given (PORT a free port unless given), in the
 * project folder unless `cwd` says (where it reads `.env`).
 */
async function spawnService(env: Record<string, string>, cwd?: string) {
  const port = await freePort();
  // Free ports: several services run at once.
  const metricsPort = env.METRICS_PORT ?? String(await freePort());
  const child = spawn(process.execPath, [MAIN], {
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      PORT: String(port),
      ...env,
      METRICS_PORT: metricsPort,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    cwd,
  });
  const chunks: string[] = [];
  child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return { port, metricsPort, child, chunks, exited };
}

/**
 * The built service started where it must refuse to start: resolves with its exit code and
 * everything it printed; fails when it is still running after `timeoutMs`.
 */
export async function startServiceToExit(
  env: Record<string, string>,
  timeoutMs = 20_000,
  cwd?: string,
): Promise<{ code: number | null; output: string }> {
  const { child, chunks, exited } = await spawnService(env, cwd);
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const code = await exited;
  clearTimeout(timer);
  const output = chunks.join('');
  if (code === null) throw new Error(`service still running after ${timeoutMs} ms:\n${output}`);
  return { code, output };
}

/**
 * The built service (`node dist/main.js`, as production runs it) in its own process, with only
 * the environment given here. Resolves once /health/live answers.
 */
export async function startService(env: Record<string, string>): Promise<RunningService> {
  const { port, metricsPort, child, chunks, exited } = await spawnService(env);
  let running = true;
  void exited.then(() => (running = false));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (true) {
    if (!running) throw new Error(`service exited at start:\n${chunks.join('')}`);
    const live = await fetch(`${url}/health/live`).catch(() => undefined);
    if (live?.status === 200) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`service did not start:\n${chunks.join('')}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    metricsUrl: `http://127.0.0.1:${metricsPort}`,
    child,
    output: () => chunks.join(''),
    exited,
    stop: (signal = 'SIGTERM') => {
      if (running) child.kill(signal);
      return exited;
    },
  };
}

/**
 * The built service on the run's database server, in `dbName`, as the webhook specs run it: a
 * scoped key, private receivers allowed, fast polls, the embedded default's operation bound
 * (the run's FerretDB is shared by every test file).
 */
export const webhookServiceEnv = (dbName: string, apiKeys: string) => ({
  MONGODB_URI: `${process.env.TEST_MONGODB_URL!.replace(/\/$/, '')}/${dbName}`,
  API_KEYS: apiKeys,
  RATE_LIMIT_ENABLED: 'false',
  WEBHOOKS_ALLOW_PRIVATE: 'true',
  WEBHOOKS_POLL_INTERVAL_MS: '200',
  DB_OPERATION_TIMEOUT_MS: '10000',
});

/** A JSON POST to a running service. */
export const postJson = (
  service: RunningService,
  path: string,
  body: object,
  headers: Record<string, string> = {},
) =>
  fetch(`${service.url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
