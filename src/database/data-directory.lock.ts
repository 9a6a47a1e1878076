import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';

/** What the lock file says about its owner. */
export interface LockOwner {
  pid: number;
  /** The owner's start time (/proc/<pid>/stat), so that a reused pid is not taken for it. */
  started?: string;
  /** Its embedded FerretDB's port, once started. */
  port?: number;
}

const LOCK_FILE = 'livechat-survey.lock';

/** Another live process owns the data directory: nothing may be started or stopped on it. */
export class DataDirectoryInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly owner: LockOwner,
  ) {
    const port = owner.port ? `, its embedded FerretDB on 127.0.0.1:${owner.port}` : '';
    super(
      `The embedded database's data directory ${dataDir} is in use by another livechat-survey ` +
        `(PID ${owner.pid}${port}): stop that one first, or give this one its own data ` +
        '(EMBEDDED_DB_DIR) or an external database (MONGODB_URI)',
    );
  }
}

/**
 * One owner per data directory: a lock file, created exclusively (O_EXCL), that holds the
 * owner's PID. Taken before anything is spawned or stopped; a file whose owner is no longer
 * running is stale and taken over. Held once per process and directory.
 */
export class DataDirectoryLock {
  private static readonly held = new Map<string, DataDirectoryLock>();
  private owner: LockOwner;
  private readonly releaseOnExit = () => this.release();

  private constructor(
    readonly dataDir: string,
    private readonly path: string,
  ) {
    this.owner = { pid: process.pid, started: startTime(process.pid) };
    process.once('exit', this.releaseOnExit);
  }

  /** This process's lock on `dataDir` (taking it, or the one it holds already). */
  static async acquire(dataDir: string): Promise<DataDirectoryLock> {
    const existing = this.held.get(dataDir);
    if (existing) return existing;
    mkdirSync(dataDir, { recursive: true });
    const path = join(dataDir, LOCK_FILE);
    for (let attempt = 0; ; attempt++) {
      try {
        const fd = openSync(path, 'wx');
        const lock = new DataDirectoryLock(dataDir, path);
        writeSync(fd, JSON.stringify(lock.owner));
        closeSync(fd);
        this.held.set(dataDir, lock);
        return lock;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 2) throw error;
      }
      let text = readText(path);
      // Empty: another start has just created it and is writing it.
      if (!parseOwner(text)) await new Promise((r) => setTimeout(r, 200));
      text = readText(path);
      const owner = parseOwner(text);
      if (owner && isRunning(owner)) throw new DataDirectoryInUseError(dataDir, owner);
      // Stale (its owner has exited, or it is unreadable): remove that file, and only that
      // one, then take it.
      if (readText(path) === text) rmSync(path, { force: true });
    }
  }

  /** Records the embedded FerretDB's port (for the message another start gets). */
  recordPort(port: number): void {
    this.owner = { ...this.owner, port };
    writeFileSync(this.path, JSON.stringify(this.owner));
  }

  release(): void {
    process.off('exit', this.releaseOnExit);
    if (DataDirectoryLock.held.get(this.dataDir) !== this) return;
    DataDirectoryLock.held.delete(this.dataDir);
    if (parseOwner(readText(this.path))?.pid === process.pid) rmSync(this.path, { force: true });
  }
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

function parseOwner(text: string): LockOwner | undefined {
  try {
    const owner = JSON.parse(text) as LockOwner;
    return Number.isInteger(owner.pid) && owner.pid > 0 ? owner : undefined;
  } catch {
    return undefined;
  }
}

/** Whether the lock's owner still runs: its pid exists and, where /proc tells, started then. */
function isRunning(owner: LockOwner): boolean {
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const started = startTime(owner.pid);
  return !owner.started || !started || owner.started === started;
}

/** A process's start time in clock ticks since boot (Linux), undefined elsewhere. */
export function startTime(pid: number): string | undefined {
  const stat = `/proc/${pid}/stat`;
  if (!existsSync(stat)) return undefined;
  try {
    // Field 22; the command name (field 2) may hold spaces and parentheses: count after its ')'.
    const text = readFileSync(stat, 'utf8');
    return text.slice(text.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}
