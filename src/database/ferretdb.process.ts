import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { join } from 'node:path';
import type { mongo } from 'mongoose';
import { DataDirectoryInUseError, DataDirectoryLock } from './data-directory.lock';
import { dieWithParentPrefix } from './parent-death';

export interface FerretDbOptions {
  binary: string;
  dataDir: string;
  /** 0 picks a free port. */
  port: number;
  startTimeoutMs?: number;
  /** Restarts FerretDB when it exits on its own (the service's; tests stop it on purpose). */
  supervise?: FerretDbSupervision;
  /** Go's GOGC for FerretDB (default FERRETDB_GOGC; a bench may measure Go's own default, 100). */
  goGc?: number;
}

/**
 * FerretDB's Go garbage collector target. Every query is a scan that decodes every document,
 * so Go's default (100) spends a third of a report's database time collecting: at 10,000 rooms
 * a survey.dashboard took 2.5 s of FerretDB CPU with 100, 1.5 s with 400 (peak RSS 52 → 81 MB),
 * 1.3 s with 800 (111 MB) (docs/PERFORMANCE.md). GOMEMLIMIT makes it collect harder before it
 * grows past 256 MiB on larger data, whatever GOGC allows.
 */
const FERRETDB_GOGC = 400;
const FERRETDB_GOMEMLIMIT = '256MiB';

/** What happens when FerretDB exits on its own: it is restarted, with back-off, on its port. */
export interface FerretDbSupervision {
  /** Restarts in a row (each within STABLE_MS of the last) before giving up. */
  maxRestarts: number;
  /** The wait before the first restart; doubled for each next one. */
  backoffMs: number;
  /** Each exit, restart and failure, as one line. */
  log: { error(message: string): void; log(message: string): void };
  /** Restarts keep failing: the caller ends the service. */
  onGiveUp: (message: string) => void;
}

/** A FerretDB that ran this long before exiting counts as a fresh failure, not one in a row. */
const STABLE_MS = 60_000;

/** Keeps the last `limit` characters of a stream: enough to explain a failure, bounded for life. */
export class OutputTail {
  private text = '';

  constructor(readonly limit = 64 * 1024) {}

  push(chunk: string): void {
    this.text = (this.text + chunk).slice(-this.limit);
  }

  toString(): string {
    return this.text;
  }

  clear(): void {
    this.text = '';
  }

  /** The last `count` non-empty lines, joined into one (for a single log line). */
  lastLines(count: number): string {
    return this.text
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .slice(-count)
      .join(' | ');
  }
}

/**
 * FerretDB v1 (SQLite backend) as a child process: the zero-setup default database, and the real
 * database of the test suite. One owner per data directory (DataDirectoryLock, taken before
 * anything is spawned or stopped). It dies with its owner where setpriv can arrange it
 * (parent-death.ts); elsewhere a pid file lets the next owner stop a FerretDB that a killed owner
 * left behind, once it has proven that process serves this very directory.
 */
export class FerretDbProcess {
  private child!: ChildProcess;
  private exited!: Promise<void>;
  private stopping = false;
  /** Set once it first listened: an exit at start is the start's failure, not a restart's. */
  private supervising = false;
  private restartTimer?: NodeJS.Timeout;
  private restarts = 0;
  private startedAt = 0;
  /** Why FerretDB is not serving, while it is down between restarts. */
  private downReason?: string;
  // Whatever way this process ends (a failed start-up, process.exit anywhere), FerretDB ends too:
  // its pid file lets the next start wait for it.
  private readonly stopOnExit = () => this.child.kill('SIGTERM');

  private constructor(
    private readonly options: FerretDbOptions,
    readonly port: number,
    private readonly pidFile: string,
    private readonly lock: DataDirectoryLock,
    /** The end of FerretDB's stderr, for error messages. */
    readonly stderr: OutputTail,
  ) {
    process.once('exit', this.stopOnExit);
  }

  static async start(options: FerretDbOptions): Promise<FerretDbProcess> {
    if (!existsSync(options.binary)) {
      throw new Error(
        `FerretDB binary not found at ${options.binary}: run "npm run ferretdb:build" ` +
          '(or set MONGODB_URI to use an external MongoDB)',
      );
    }
    const lock = await claimDataDirectory(options.dataDir);
    try {
      const pidFile = join(options.dataDir, 'ferretdb.pid');
      const port = options.port || (await freePort());
      if (await isListening(port)) {
        throw new Error(
          `Port ${port} for the embedded database is in use by another program: stop it, or ` +
            'set EMBEDDED_DB_PORT',
        );
      }
      const db = new FerretDbProcess(options, port, pidFile, lock, new OutputTail());
      running.add(options.dataDir);
      try {
        await db.spawnAndWait();
      } catch (error) {
        running.delete(options.dataDir);
        throw error;
      }
      lock.recordPort(port);
      db.supervising = true;
      return db;
    } catch (error) {
      lock.release();
      throw error;
    }
  }

  get uri(): string {
    return `mongodb://127.0.0.1:${this.port}`;
  }

  /** Why it is not serving right now (exited, restarting), or undefined while it runs. */
  get down(): string | undefined {
    return this.downReason;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.restartTimer);
    process.off('exit', this.stopOnExit);
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill('SIGTERM');
      const killer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
      await this.exited;
      clearTimeout(killer);
    }
    rmSync(this.pidFile, { force: true });
    running.delete(this.options.dataDir);
    this.lock.release();
  }

  private spawn(): void {
    const { binary, dataDir } = this.options;
    const [command, ...prefix] = [...dieWithParentPrefix(), binary];
    const child = spawn(
      command,
      [
        ...prefix,
        '--handler=sqlite',
        `--sqlite-url=${sqliteUrl(dataDir)}`,
        `--listen-addr=127.0.0.1:${this.port}`,
        '--telemetry=disable',
        '--state-dir=-',
        '--debug-addr=-',
        '--log-level=error',
      ],
      // A minimal environment: FerretDB reads FERRETDB_* variables, which must not leak in.
      {
        env: {
          DO_NOT_TRACK: '1',
          GOGC: String(this.options.goGc ?? FERRETDB_GOGC),
          GOMEMLIMIT: FERRETDB_GOMEMLIMIT,
        },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    // Each run's own output: a restart's failure is explained by that run, not the one before.
    this.stderr.clear();
    child.stderr?.on('data', (chunk: Buffer) => this.stderr.push(chunk.toString()));
    writeFileSync(this.pidFile, String(child.pid));
    this.child = child;
    this.startedAt = Date.now();
    // 'close', not 'exit': by then its stderr has been read to the end.
    this.exited = new Promise((done) =>
      child.once('close', (code, signal) => {
        done();
        if (this.child === child) this.onClose(code, signal);
      }),
    );
  }

  private async spawnAndWait(): Promise<void> {
    this.spawn();
    await this.waitUntilListening(this.options.startTimeoutMs ?? 30_000);
  }

  /** FerretDB exited: on purpose (stop), at start (reported there), or on its own. */
  private onClose(code: number | null, signal: NodeJS.Signals | null): void {
    const supervise = this.options.supervise;
    if (this.stopping || !supervise || !this.supervising) return;
    if (Date.now() - this.startedAt >= STABLE_MS) this.restarts = 0;
    const how = signal ? `signal ${signal}` : `exit code ${code}`;
    const stderr = this.stderr.lastLines(5);
    const last = stderr ? `; its last output: ${stderr}` : '; it printed nothing';
    this.downReason = `embedded FerretDB exited (${how})`;
    if (this.restarts >= supervise.maxRestarts) {
      const tried = this.restarts
        ? `${this.restarts} restart${this.restarts === 1 ? '' : 's'} in a row failed`
        : 'no restarts allowed';
      supervise.onGiveUp(
        `embedded FerretDB on 127.0.0.1:${this.port} exited (${how})${last}; ${tried} ` +
          `(EMBEDDED_DB_MAX_RESTARTS=${supervise.maxRestarts}): exiting 1 for a process ` +
          'manager to restart the service',
      );
      return;
    }
    this.restarts++;
    const delay = supervise.backoffMs * 2 ** (this.restarts - 1);
    supervise.log.error(
      `embedded FerretDB on 127.0.0.1:${this.port} exited unexpectedly (${how})${last}; ` +
        `restarting in ${delay} ms (attempt ${this.restarts} of ${supervise.maxRestarts})`,
    );
    this.downReason += `, restarting (attempt ${this.restarts} of ${supervise.maxRestarts})`;
    this.restartTimer = setTimeout(() => void this.restart(), delay);
  }

  private async restart(): Promise<void> {
    if (this.stopping) return;
    try {
      await this.spawnAndWait();
      this.downReason = undefined;
      this.options.supervise?.log.log(
        `embedded FerretDB restarted on 127.0.0.1:${this.port} (attempt ${this.restarts})`,
      );
    } catch {
      // It exited at start, or did not listen in time (then stopped): onClose handles both.
    }
  }

  private async waitUntilListening(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let exitedEarly = false;
    void this.exited.then(() => (exitedEarly = true));
    while (Date.now() < deadline) {
      if (exitedEarly) {
        if (!this.options.supervise) process.off('exit', this.stopOnExit);
        throw new Error(`FerretDB exited at start: ${this.stderr.toString().trim().slice(-2000)}`);
      }
      if (await isListening(this.port)) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    this.child.kill('SIGKILL');
    await this.exited;
    throw new Error(`FerretDB did not listen on port ${this.port} within ${timeoutMs} ms`);
  }
}

/**
 * Makes this process the data directory's one owner: its lock, and no FerretDB left on it by a
 * killed owner. Throws DataDirectoryInUseError when another live process (or a FerretDB of this
 * one) uses it, before anything was stopped.
 */
export async function claimDataDirectory(dataDir: string): Promise<DataDirectoryLock> {
  const lock = await DataDirectoryLock.acquire(dataDir);
  if (running.has(dataDir)) throw new DataDirectoryInUseError(dataDir, { pid: process.pid });
  try {
    await stopLeftover(join(dataDir, 'ferretdb.pid'), dataDir);
  } catch (error) {
    lock.release();
    throw error;
  }
  return lock;
}

/** Data directories with a FerretDB of this process on them. */
const running = new Set<string>();

const sqliteUrl = (dataDir: string) => `file:${dataDir}/`;

/** Whether something accepts connections on 127.0.0.1:port (the tests use it too). */
export function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** A port that was free a moment ago on 127.0.0.1 (the bench uses it for its servers too). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * Stops the FerretDB a killed owner of this data directory left running (the caller holds the
 * directory's lock, so no live instance uses it). Only a process proven to be a FerretDB serving
 * this very directory: a reused pid, or another directory's FerretDB, is never touched.
 */
async function stopLeftover(pidFile: string, dataDir: string): Promise<void> {
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8'));
  const cmdline = `/proc/${pid}/cmdline`;
  const args = pid > 0 && existsSync(cmdline) ? readFileSync(cmdline, 'utf8').split('\0') : [];
  if (args[0]?.includes('ferretdb') && args.includes(`--sqlite-url=${sqliteUrl(dataDir)}`)) {
    process.kill(pid, 'SIGTERM');
    for (let i = 0; i < 200 && existsSync(cmdline); i++) {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  rmSync(pidFile, { force: true });
}

/** Whether a connected database is FerretDB (its buildInfo says so), whoever started it. */
export async function isFerretDb(db: mongo.Db): Promise<boolean> {
  const info = await db.admin().command({ buildInfo: 1 });
  return typeof info.ferretdbVersion === 'string';
}
