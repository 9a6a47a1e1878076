import { ChildProcess, spawn } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FerretDbProcess } from '../../src/database/ferretdb.process';
import { PROJECT_ROOT } from './prerequisites';

/**
 * Everything the bench starts, and its temp dir (database, logs, load configs): all of it is
 * stopped and removed on every way out: normal end, error, Ctrl-C, SIGTERM. Children are ended
 * by their own pid only.
 */
export class BenchSession {
  readonly dir = mkdtempSync(join(tmpdir(), 'livechat-survey-bench-'));
  readonly logDir = join(this.dir, 'logs');
  private readonly children = new Set<ChildProcess>();
  private readonly stopping = new Set<ChildProcess>();
  /** Servers that ended without being stopped, with how they ended. */
  private readonly crashed: string[] = [];
  private database?: FerretDbProcess;
  private closing?: Promise<void>;
  private interrupts = 0;
  private removed = false;

  /**
   * @param cpuProfileDir where every server writes a `--cpu-prof` profile when it stops
   */
  constructor(
    private readonly keepTemp: boolean,
    readonly cpuProfileDir?: string,
  ) {
    mkdirSync(this.logDir);
    process.on('exit', () => this.killNow());
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.on(signal, () => this.interrupted(signal));
    }
  }

  async startDatabase(binary: string): Promise<FerretDbProcess> {
    this.database = await FerretDbProcess.start({
      binary,
      dataDir: join(this.dir, 'ferretdb'),
      port: 0,
    });
    return this.database;
  }

  /** The running FerretDB's pid (from its pid file), for its peak memory. */
  databasePid(): number | undefined {
    const pidFile = join(this.dir, 'ferretdb', 'ferretdb.pid');
    return existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8')) : undefined;
  }

  /**
   * A Node script as a child, its stdout and stderr in `<name>.out.log` / `<name>.err.log`;
   * `launcher` runs Node under another program (valgrind) with these leading arguments.
   */
  spawnNode(
    name: string,
    script: string,
    env: NodeJS.ProcessEnv,
    nodeArgs: string[] = [],
    launcher: string[] = [],
  ): ChildProcess {
    const out = openSync(this.logPath(name, 'out'), 'a');
    const err = openSync(this.logPath(name, 'err'), 'a');
    const [command, ...args] = [...launcher, process.execPath, ...nodeArgs, script];
    const child = spawn(command, args, {
      cwd: PROJECT_ROOT,
      env,
      stdio: ['ignore', out, err],
    });
    // The child has its own copies of the log descriptors.
    closeSync(out);
    closeSync(err);
    this.track(child);
    child.once('exit', (code, signal) => {
      if (this.stopping.has(child)) return;
      const log = this.tail(name) || this.tail(name, 'out');
      this.crashed.push(`${name} ended (${signal ?? `code ${code}`}):\n${log}`);
    });
    return child;
  }

  /** Throws when a server ended by itself (a load run against it would only count errors). */
  assertServersUp(): void {
    if (this.crashed.length > 0) throw new Error(`a server stopped:\n${this.crashed.join('\n')}`);
  }

  /** Runs a Node script to its end and returns its stdout; stderr goes to `<name>.err.log`. */
  runNode(name: string, args: string[]): Promise<string> {
    const err = openSync(this.logPath(name, 'err'), 'a');
    const child = spawn(process.execPath, args, {
      cwd: PROJECT_ROOT,
      stdio: ['ignore', 'pipe', err],
    });
    closeSync(err);
    this.track(child);
    let stdout = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    return new Promise((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code, signal) =>
        code === 0
          ? resolve(stdout)
          : reject(new Error(`${name} ended with ${signal ?? code}: ${this.tail(name, 'err')}`)),
      );
    });
  }

  logPath(name: string, stream: 'out' | 'err'): string {
    return join(this.logDir, `${name}.${stream}.log`);
  }

  /** The end of a child's log, for error messages. */
  tail(name: string, stream: 'out' | 'err' = 'err'): string {
    const path = this.logPath(name, stream);
    return existsSync(path) ? readFileSync(path, 'utf8').trim().slice(-1500) : '';
  }

  /** Stops one child: SIGTERM, then SIGKILL after 5 s. */
  async stop(child: ChildProcess): Promise<void> {
    this.stopping.add(child);
    if (!isRunning(child)) return;
    const exited = new Promise((done) => child.once('exit', done));
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(killer);
  }

  /** Stops everything and removes the temp dir; safe to call more than once. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await Promise.all([...this.children].map((child) => this.stop(child)));
      await this.database?.stop();
      this.removeDir();
    })();
    return this.closing;
  }

  private track(child: ChildProcess): void {
    this.children.add(child);
    child.once('exit', () => this.children.delete(child));
  }

  private interrupted(signal: string): void {
    // A second Ctrl-C does not wait: the exit hook kills what is left.
    if (this.interrupts++ > 0) process.exit(130);
    console.error(`\nbench: ${signal}, stopping the servers and the database`);
    void this.close().finally(() => process.exit(130));
  }

  /** The last resort, synchronous ('exit' handlers cannot wait): SIGKILL whatever still runs. */
  private killNow(): void {
    for (const child of this.children) if (isRunning(child)) child.kill('SIGKILL');
    const pid = this.databasePid();
    const cmdline = `/proc/${pid}/cmdline`;
    // Only our FerretDB: its pid file names it, and that pid must still be a FerretDB.
    if (pid && existsSync(cmdline) && readFileSync(cmdline, 'utf8').includes('ferretdb')) {
      process.kill(pid, 'SIGKILL');
    }
    this.removeDir();
  }

  private removeDir(): void {
    if (this.removed) return;
    this.removed = true;
    if (this.keepTemp) {
      console.error(`bench: kept ${this.dir} (BENCH_KEEP_TEMP=1)`);
      return;
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

const isRunning = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;
