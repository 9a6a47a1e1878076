import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { join } from 'node:path';
import type { mongo } from 'mongoose';

export interface FerretDbOptions {
  binary: string;
  dataDir: string;
  /** 0 picks a free port. */
  port: number;
  startTimeoutMs?: number;
}

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
}

/**
 * FerretDB v1 (SQLite backend) as a child process: the zero-setup default database, and the real
 * database of the test suite. One process per data directory: a pid file lets a new start end a
 * FerretDB that a crashed parent left behind on the same directory.
 */
export class FerretDbProcess {
  private exited: Promise<void>;
  // Whatever way this process ends (a failed start-up, process.exit anywhere), FerretDB ends too:
  // its pid file lets the next start wait for it.
  private readonly stopOnExit = () => this.child.kill('SIGTERM');

  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
    private readonly pidFile: string,
    /** The end of FerretDB's stderr, for error messages. */
    readonly stderr: OutputTail,
  ) {
    // 'close', not 'exit': by then its stderr has been read to the end.
    this.exited = new Promise((done) => child.once('close', () => done()));
    process.once('exit', this.stopOnExit);
  }

  static async start(options: FerretDbOptions): Promise<FerretDbProcess> {
    if (!existsSync(options.binary)) {
      throw new Error(
        `FerretDB binary not found at ${options.binary}: run "npm run ferretdb:build" ` +
          '(or set MONGODB_URI to use an external MongoDB)',
      );
    }
    mkdirSync(options.dataDir, { recursive: true });
    const pidFile = join(options.dataDir, 'ferretdb.pid');
    await stopLeftover(pidFile);
    const port = options.port || (await freePort());
    if (await isListening(port)) {
      throw new Error(`Port ${port} for the embedded database is in use: set EMBEDDED_DB_PORT`);
    }
    const stderr = new OutputTail();
    const child = spawn(
      options.binary,
      [
        '--handler=sqlite',
        `--sqlite-url=file:${options.dataDir}/`,
        `--listen-addr=127.0.0.1:${port}`,
        '--telemetry=disable',
        '--state-dir=-',
        '--debug-addr=-',
        '--log-level=error',
      ],
      // A minimal environment: FerretDB reads FERRETDB_* variables, which must not leak in.
      { env: { DO_NOT_TRACK: '1' }, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
    writeFileSync(pidFile, String(child.pid));
    const db = new FerretDbProcess(child, port, pidFile, stderr);
    await db.waitUntilListening(options.startTimeoutMs ?? 30_000);
    return db;
  }

  get uri(): string {
    return `mongodb://127.0.0.1:${this.port}`;
  }

  async stop(): Promise<void> {
    process.off('exit', this.stopOnExit);
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill('SIGTERM');
      const killer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
      await this.exited;
      clearTimeout(killer);
    }
    rmSync(this.pidFile, { force: true });
  }

  private async waitUntilListening(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let exitedEarly = false;
    void this.exited.then(() => (exitedEarly = true));
    while (Date.now() < deadline) {
      if (exitedEarly) {
        process.off('exit', this.stopOnExit);
        throw new Error(`FerretDB exited at start: ${this.stderr.toString().trim().slice(-2000)}`);
      }
      if (await isListening(this.port)) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    await this.stop();
    throw new Error(`FerretDB did not listen on port ${this.port} within ${timeoutMs} ms`);
  }
}

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

async function stopLeftover(pidFile: string): Promise<void> {
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8'));
  const cmdline = `/proc/${pid}/cmdline`;
  // Only a process that is still a FerretDB: a reused pid must never be killed.
  if (pid > 0 && existsSync(cmdline) && readFileSync(cmdline, 'utf8').includes('ferretdb')) {
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
