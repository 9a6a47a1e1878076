import { spawn } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { buildAppConfig } from '../../src/config/app.config';
import { FerretDbProcess, freePort, isListening } from '../../src/database/ferretdb.process';
import { rocketChatRoom, rocketChatVisitor, type Doc } from '../support/factories';
import {
  jsonLogLines,
  startService,
  startServiceToExit,
  type RunningService,
} from '../support/service';

/**
 * The embedded FerretDB's life cycle, on the built service (`node dist/main.js`) with a data
 * directory of each test's own: one owner per directory, and a FerretDB that dies.
 */
jest.setTimeout(60_000);

const binary = buildAppConfig({ FERRETDB_BIN: process.env.FERRETDB_BIN }).database.embedded.binary;

/** Every FerretDB process serving `dataDir`, whoever started it (read from /proc). */
function ferretDbsServing(dataDir: string): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
        return args[0].includes('ferretdb') && args.includes(`--sqlite-url=file:${dataDir}/`);
      } catch {
        return false; // exited meanwhile
      }
    })
    .map(Number);
}

const lockFile = (dataDir: string) => join(dataDir, 'livechat-survey.lock');

const SERVICE_UNAVAILABLE =
  '{"success":false,"error":"[service-unavailable]","errorType":"service-unavailable"}';

async function until<T>(check: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('the embedded database: one data directory, one owner', () => {
  let dataDir: string;
  let dbPort: number;
  const services: RunningService[] = [];
  const embedded = (env: Record<string, string> = {}) =>
    startService({
      EMBEDDED_DB_DIR: dataDir,
      EMBEDDED_DB_PORT: String(dbPort),
      RATE_LIMIT_ENABLED: 'false',
      ...env,
    }).then((service) => (services.push(service), service));

  /** A visitor stored through the FerretDB on dbPort, whoever started it. */
  const storeVisitor = async () => {
    const visitor = rocketChatVisitor();
    const client = await new MongoClient(`mongodb://127.0.0.1:${dbPort}/livechat_survey`).connect();
    await client.db().collection<Doc>('rocketchat_livechat_visitor').insertOne(visitor);
    await client.close();
    return visitor;
  };

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'livechat-survey-owner-'));
    dbPort = await freePort();
  });
  afterEach(async () => {
    for (const service of services.splice(0)) await service.stop('SIGKILL');
    for (const pid of ferretDbsServing(dataDir)) process.kill(pid, 'SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("runs its FerretDB with the tuned Go garbage collector and nothing of the service's environment", async () => {
    await embedded({ FERRETDB_TELEMETRY: 'enable', MONGODB_URI_LEAK: 'secret' });
    const [ferretdb] = ferretDbsServing(dataDir);
    const environment = readFileSync(`/proc/${ferretdb}/environ`, 'utf8')
      .split('\0')
      .filter(Boolean);
    // GOGC 400: a third less FerretDB CPU per report scan (docs/PERFORMANCE.md).
    expect(environment.sort()).toEqual(['DO_NOT_TRACK=1', 'GOGC=400', 'GOMEMLIMIT=256MiB']);
  });

  it('a second start on it exits 1 at once naming the running one, which keeps its FerretDB and serves on', async () => {
    const first = await embedded();
    const [ferretdb] = ferretDbsServing(dataDir);

    const started = Date.now();
    const second = await startServiceToExit({
      EMBEDDED_DB_DIR: dataDir,
      EMBEDDED_DB_PORT: String(dbPort),
    });
    const tookMs = Date.now() - started;

    expect(second.code).toBe(1);
    expect(tookMs).toBeLessThan(5000);
    const lines = jsonLogLines(second.output);
    expect(lines.map((line) => [line.level, line.msg])).toEqual([
      [30, expect.stringContaining('livechat-survey starting')],
      [
        50,
        `The embedded database's data directory ${dataDir} is in use by another livechat-survey ` +
          `(PID ${first.child.pid}, its embedded FerretDB on 127.0.0.1:${dbPort}): stop that one ` +
          'first, or give this one its own data (EMBEDDED_DB_DIR) or an external database (MONGODB_URI)',
      ],
    ]);
    // Nothing was stopped or started: the same FerretDB, the only one, and the first serves.
    expect(ferretDbsServing(dataDir)).toEqual([ferretdb]);
    expect((await fetch(`${first.url}/health/ready`)).status).toBe(200);
    const res = await fetch(`${first.url}/api/v1/livechat/visitor/no-such-token`);
    expect(await res.json()).toEqual({
      success: false,
      error: '[invalid-token]',
      errorType: 'invalid-token',
    });
    expect(JSON.parse(readFileSync(lockFile(dataDir), 'utf8'))).toMatchObject({
      pid: first.child.pid,
      port: dbPort,
    });
  });

  // An out-of-memory death is V8's abort(): a SIGABRT.
  it.each(['SIGABRT', 'SIGKILL'] as const)(
    'when its owner dies by %s, its FerretDB dies with it at once, and the next start serves the same data',
    async (signal) => {
      const first = await embedded();
      const visitor = await storeVisitor();
      expect(ferretDbsServing(dataDir)).toHaveLength(1);
      await first.stop(signal);
      const died = Date.now();
      // No exit handler runs on these signals: the kernel ends FerretDB (setpriv --pdeathsig).
      // Gone means both: no such process, and its port closed. A dying Go process loses its
      // command line (its memory goes first) a moment before its sockets close.
      await until(
        async () =>
          ferretDbsServing(dataDir).length === 0 && !(await isListening(dbPort)) ? true : undefined,
        3000,
      );
      console.log(`owner ended by ${signal}: its FerretDB gone ${Date.now() - died} ms later`);
      // The dead owner's lock is left; the next start takes it over.
      expect(existsSync(lockFile(dataDir))).toBe(true);

      const next = await embedded();
      expect(ferretDbsServing(dataDir)).toHaveLength(1);
      const res = await fetch(`${next.url}/api/v1/livechat/visitor/${visitor.token}`);
      expect(res.status).toBe(200);
      expect(JSON.parse(readFileSync(lockFile(dataDir), 'utf8'))).toMatchObject({
        pid: next.child.pid,
        port: dbPort,
      });
      expect(await next.stop()).toBe(0);
      // A clean stop leaves neither a FerretDB nor a lock.
      expect(ferretDbsServing(dataDir)).toEqual([]);
      expect(existsSync(lockFile(dataDir))).toBe(false);
    },
  );

  it('a FerretDB a dead owner left behind (no setpriv there) is stopped by the next start, which serves the same data', async () => {
    // What such an owner leaves: its FerretDB serving the directory, its pid file, its lock.
    const orphan = spawn(
      binary,
      [
        '--handler=sqlite',
        `--sqlite-url=file:${dataDir}/`,
        `--listen-addr=127.0.0.1:${dbPort}`,
        '--telemetry=disable',
        '--state-dir=-',
        '--debug-addr=-',
      ],
      { env: { DO_NOT_TRACK: '1' }, stdio: 'ignore', detached: true },
    );
    orphan.unref();
    await until(async () => ((await isListening(dbPort)) ? true : undefined), 10_000);
    const visitor = await storeVisitor();
    writeFileSync(join(dataDir, 'ferretdb.pid'), String(orphan.pid));
    writeFileSync(lockFile(dataDir), JSON.stringify({ pid: 2 ** 22 + 1, port: dbPort }));

    const next = await embedded();
    const now = ferretDbsServing(dataDir);
    expect(now).toHaveLength(1);
    expect(now).not.toContain(orphan.pid);
    const res = await fetch(`${next.url}/api/v1/livechat/visitor/${visitor.token}`);
    expect(res.status).toBe(200);
  });

  it('a stale lock and pid file never lead to stopping a FerretDB of another data directory', async () => {
    // Another directory's FerretDB, whose pid a stale pid file names (a reused pid, say).
    const otherDir = mkdtempSync(join(tmpdir(), 'livechat-survey-other-'));
    const other = await FerretDbProcess.start({ binary, dataDir: otherDir, port: 0 });
    try {
      writeFileSync(lockFile(dataDir), JSON.stringify({ pid: 2 ** 22 + 1, port: dbPort }));
      writeFileSync(join(dataDir, 'ferretdb.pid'), String(ferretDbsServing(otherDir)[0]));
      const service = await embedded();
      expect(ferretDbsServing(otherDir)).toHaveLength(1);
      expect(await isListening(other.port)).toBe(true);
      expect((await fetch(`${service.url}/health/ready`)).status).toBe(200);
    } finally {
      await other.stop();
      rmSync(otherDir, { recursive: true, force: true });
    }
  });
});

describe('the embedded FerretDB exits while the service runs', () => {
  let dataDir: string;
  let dbPort: number;
  let service: RunningService | undefined;
  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'livechat-survey-crash-'));
    dbPort = await freePort();
  });
  afterEach(async () => {
    await service?.stop('SIGKILL');
    service = undefined;
    for (const pid of ferretDbsServing(dataDir)) process.kill(pid, 'SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('logs the exit as one error line, is not ready and answers 503 meanwhile, then is restarted on its port and serves again', async () => {
    service = await startService({
      EMBEDDED_DB_DIR: dataDir,
      EMBEDDED_DB_PORT: String(dbPort),
      RATE_LIMIT_ENABLED: 'false',
      // While FerretDB is away a request fails fast, before the restart (1 s) could serve it.
      DB_SERVER_SELECTION_TIMEOUT_MS: '300',
      // Several outbox polls fail during the outage: the log says so once, and once when it ends.
      // No idle back-off either: polls keep coming every 100 ms whether or not they find work.
      WEBHOOKS_POLL_INTERVAL_MS: '100',
      WEBHOOKS_IDLE_POLL_MAX_MS: '100',
    });
    const running = service;
    const visitor = rocketChatVisitor();
    const room = rocketChatRoom(visitor);
    const client = await new MongoClient(`mongodb://127.0.0.1:${dbPort}/livechat_survey`).connect();
    await client.db().collection<Doc>('rocketchat_livechat_visitor').insertOne(visitor);
    await client.db().collection<Doc>('rocketchat_room').insertOne(room);
    await client.close();
    const survey = (value: string) =>
      fetch(`${running.url}/api/v1/livechat/room.survey`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          rid: room._id,
          token: visitor.token,
          data: [{ name: 'satisfaction', value }],
        }),
      });
    expect((await survey('4')).status).toBe(200);

    const [ferretdb] = ferretDbsServing(dataDir);
    process.kill(ferretdb, 'SIGKILL');
    const notReady = await until(async () => {
      // The first probes may see the driver's own error (read ECONNRESET) before the exit.
      const res = await fetch(`${running.url}/health/ready`);
      const body = (await res.json()) as { error: { database?: { message: string } } };
      return res.status === 503 && body.error.database?.message.startsWith('embedded')
        ? body
        : undefined;
    }, 1000);
    expect(notReady).toEqual({
      status: 'error',
      info: {},
      error: {
        database: {
          status: 'down',
          message: 'embedded FerretDB exited (signal SIGKILL), restarting (attempt 1 of 5)',
        },
      },
      details: {
        database: {
          status: 'down',
          message: 'embedded FerretDB exited (signal SIGKILL), restarting (attempt 1 of 5)',
        },
      },
    });
    const during = await survey('1');
    expect([during.status, await during.text()]).toEqual([503, SERVICE_UNAVAILABLE]);

    const readyIn = Date.now();
    await until(async () => {
      const res = await fetch(`${running.url}/health/ready`);
      return res.status === 200 ? true : undefined;
    }, 10_000);
    console.log(`FerretDB killed: ready again ${Date.now() - readyIn} ms later`);
    expect((await survey('5')).status).toBe(200);

    const restarted = ferretDbsServing(dataDir);
    expect(restarted).toHaveLength(1);
    expect(restarted).not.toContain(ferretdb);
    const lines = jsonLogLines(running.output()).filter(
      (line) => line.context === 'EmbeddedDatabase',
    );
    expect(lines.slice(1).map((line) => [line.level, line.msg])).toEqual([
      [
        50,
        `embedded FerretDB on 127.0.0.1:${dbPort} exited unexpectedly (signal SIGKILL); it ` +
          'printed nothing; restarting in 1000 ms (attempt 1 of 5)',
      ],
      [30, `embedded FerretDB restarted on 127.0.0.1:${dbPort} (attempt 1)`],
    ]);
    await until(
      () =>
        Promise.resolve(
          jsonLogLines(running.output()).some((line) =>
            line.msg.startsWith('webhook poll recovered'),
          )
            ? true
            : undefined,
        ),
      5000,
    );
    const polls = jsonLogLines(running.output()).filter((line) =>
      line.msg.startsWith('webhook poll'),
    );
    expect(polls.map((line) => [line.level, line.msg.replace(/: .*\(/, ': … (')])).toEqual([
      [40, 'webhook poll failed: … (repeats are not logged)'],
      [30, expect.stringMatching(/^webhook poll recovered after \d+ failed polls$/)],
    ]);
    expect(Number(/after (\d+)/.exec(polls[1].msg)?.[1])).toBeGreaterThan(1);
    const check = await new MongoClient(`mongodb://127.0.0.1:${dbPort}/livechat_survey`).connect();
    const stored = await check.db().collection<Doc>('rocketchat_room').findOne({ _id: room._id });
    await check.close();
    expect(stored?.surveyFeedback).toEqual({ satisfaction: '5' });
  });

  it('exits 1 when its restarts keep failing (EMBEDDED_DB_MAX_RESTARTS), naming the cause, with no FerretDB left', async () => {
    // FerretDB that starts once, and then fails at every start as a broken disk would make it.
    const wrapper = join(dataDir, '..', `${dataDir.split('/').pop()}-ferretdb`);
    writeFileSync(
      wrapper,
      `#!/bin/sh
if [ -e "${wrapper}.ran" ]; then echo "opening database: disk I/O error" >&2; exit 2; fi
touch "${wrapper}.ran"
exec "${binary}" "$@"
`,
    );
    chmodSync(wrapper, 0o755);
    try {
      service = await startService({
        EMBEDDED_DB_DIR: dataDir,
        EMBEDDED_DB_PORT: String(dbPort),
        EMBEDDED_DB_MAX_RESTARTS: '1',
        FERRETDB_BIN: wrapper,
      });
      process.kill(ferretDbsServing(dataDir)[0], 'SIGKILL');
      const code = await Promise.race([
        service.exited,
        new Promise((r) => setTimeout(() => r('still running after 10 s'), 10_000)),
      ]);
      expect(code).toBe(1);
      const lines = jsonLogLines(service.output()).filter((line) => line.level >= 50);
      expect(lines.map((line) => line.msg)).toEqual([
        `embedded FerretDB on 127.0.0.1:${dbPort} exited unexpectedly (signal SIGKILL); it ` +
          'printed nothing; restarting in 1000 ms (attempt 1 of 1)',
        `embedded FerretDB on 127.0.0.1:${dbPort} exited (exit code 2); its last output: ` +
          'opening database: disk I/O error; 1 restart in a row failed ' +
          '(EMBEDDED_DB_MAX_RESTARTS=1): exiting 1 for a process manager to restart the service',
      ]);
      expect(ferretDbsServing(dataDir)).toEqual([]);
      expect(existsSync(lockFile(dataDir))).toBe(false);
    } finally {
      rmSync(wrapper, { force: true });
      rmSync(`${wrapper}.ran`, { force: true });
    }
  });
});
