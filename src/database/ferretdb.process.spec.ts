import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FerretDbProcess, isListening, OutputTail } from './ferretdb.process';

const MB = 1024 * 1024;

/**
 * A stand-in for the FerretDB binary (a Node script): it listens where FerretDB would, unless
 * `exitCode` is given, and writes `stderrBytes` to stderr, then a last line.
 */
function fakeFerretDb(dir: string, stderrBytes: number, exitCode?: number): string {
  const binary = join(dir, 'fake-ferretdb');
  writeFileSync(
    binary,
    `#!${process.execPath}
const port = Number(process.argv.find((a) => a.startsWith('--listen-addr=')).split(':').pop());
const line = 'x'.repeat(1023) + '\\n';
let left = ${stderrBytes};
const write = () => {
  while (left > 0) {
    left -= line.length;
    if (!process.stderr.write(line)) return process.stderr.once('drain', write);
  }
  process.stderr.write('last line\\n', () => ${
    exitCode === undefined ? 'undefined' : `process.exit(${exitCode})`
  });
};
${exitCode === undefined ? "require('node:net').createServer().listen(port, '127.0.0.1', write);" : 'write();'}
process.on('SIGTERM', () => process.exit(0));
`,
  );
  chmodSync(binary, 0o755);
  return binary;
}

async function until(
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('OutputTail', () => {
  it('keeps only the last `limit` characters, however much is pushed', () => {
    const tail = new OutputTail(10);
    tail.push('abc');
    expect(tail.toString()).toBe('abc');
    tail.push('0123456789xyz');
    expect(tail.toString()).toBe('3456789xyz');
    for (let i = 0; i < 1000; i++) tail.push(`line ${i}\n`);
    expect(tail.toString()).toBe('\nline 999\n');
  });
});

describe('FerretDbProcess', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ferretdb-process-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps the last 64 KB of stderr while it runs, not all of it', async () => {
    const db = await FerretDbProcess.start({
      binary: fakeFerretDb(dir, 4 * MB),
      dataDir: join(dir, 'data'),
      port: 0,
    });
    try {
      await until(() => db.stderr.toString().endsWith('last line\n'));
      expect(db.stderr.toString().length).toBe(64 * 1024);
    } finally {
      await db.stop();
    }
  });

  it('ends a failed start with the end of its stderr', async () => {
    const start = FerretDbProcess.start({
      binary: fakeFerretDb(dir, 2 * MB, 3),
      dataDir: join(dir, 'data'),
      port: 0,
    });
    const message = await start.then(
      () => 'started',
      (error: Error) => error.message,
    );
    expect(message).toMatch(/^FerretDB exited at start: [x\n]+last line$/);
    expect(message.length).toBeLessThanOrEqual('FerretDB exited at start: '.length + 2000);
  });

  it('stops its child when this process exits without stopping it', async () => {
    const before = process.listeners('exit');
    const db = await FerretDbProcess.start({
      binary: fakeFerretDb(dir, 0),
      dataDir: join(dir, 'data'),
      port: 0,
    });
    const added = process.listeners('exit').filter((listener) => !before.includes(listener));
    try {
      // The data directory's lock is released, and the child stopped.
      expect(added).toHaveLength(2);
      expect(await isListening(db.port)).toBe(true);
      // What this process's exit would run (process.exit after a failed start-up, say).
      for (const listener of added) listener.call(process, 1);
      expect(existsSync(join(dir, 'data', 'livechat-survey.lock'))).toBe(false);
      await until(async () => !(await isListening(db.port)));
    } finally {
      await db.stop();
    }
    expect(process.listeners('exit')).toEqual(before);
  });
});

/** A fake FerretDB that listens on its first run and, on every later one, fails at start. */
function failingOnRestart(dir: string): string {
  const binary = join(dir, 'fake-ferretdb-once');
  writeFileSync(
    binary,
    `#!${process.execPath}
const { existsSync, writeFileSync } = require('node:fs');
const marker = ${JSON.stringify(join(dir, 'ran-once'))};
if (existsSync(marker)) {
  process.stderr.write('opening database: disk I/O error\\nexiting\\n', () => process.exit(2));
} else {
  writeFileSync(marker, '');
  const port = Number(process.argv.find((a) => a.startsWith('--listen-addr=')).split(':').pop());
  require('node:net').createServer().listen(port, '127.0.0.1');
  process.on('SIGTERM', () => process.exit(0));
}
`,
  );
  chmodSync(binary, 0o755);
  return binary;
}

describe('FerretDbProcess supervised: a FerretDB that exits on its own', () => {
  let dir: string;
  let logged: string[];
  let gaveUp: string[];
  const supervise = (maxRestarts: number) => ({
    maxRestarts,
    backoffMs: 50,
    log: {
      error: (message: string) => logged.push(`error: ${message}`),
      log: (message: string) => logged.push(`log: ${message}`),
    },
    onGiveUp: (message: string) => gaveUp.push(message),
  });
  const childPid = () => Number(readFileSync(join(dir, 'data', 'ferretdb.pid'), 'utf8'));
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ferretdb-supervised-'));
    logged = [];
    gaveUp = [];
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is restarted on its port, its exit logged as one line, and down while it is away', async () => {
    const db = await FerretDbProcess.start({
      binary: fakeFerretDb(dir, 0),
      dataDir: join(dir, 'data'),
      port: 0,
      supervise: supervise(3),
    });
    try {
      const first = childPid();
      process.kill(first, 'SIGKILL');
      await until(() => db.down !== undefined);
      expect(db.down).toBe(
        'embedded FerretDB exited (signal SIGKILL), restarting (attempt 1 of 3)',
      );
      await until(() => db.down === undefined);
      expect(await isListening(db.port)).toBe(true);
      expect(childPid()).not.toBe(first);
      expect(logged).toEqual([
        `error: embedded FerretDB on 127.0.0.1:${db.port} exited unexpectedly (signal SIGKILL); ` +
          'its last output: last line; restarting in 50 ms (attempt 1 of 3)',
        `log: embedded FerretDB restarted on 127.0.0.1:${db.port} (attempt 1)`,
      ]);
      expect(gaveUp).toEqual([]);
    } finally {
      await db.stop();
    }
    // A stop on purpose is no exit to restart from.
    expect(logged).toHaveLength(2);
  });

  it('gives up after maxRestarts failed restarts in a row, with its last output', async () => {
    const db = await FerretDbProcess.start({
      binary: failingOnRestart(dir),
      dataDir: join(dir, 'data'),
      port: 0,
      supervise: supervise(2),
    });
    try {
      process.kill(childPid(), 'SIGKILL');
      await until(() => gaveUp.length > 0);
      expect(logged).toEqual([
        `error: embedded FerretDB on 127.0.0.1:${db.port} exited unexpectedly (signal SIGKILL); ` +
          'it printed nothing; restarting in 50 ms (attempt 1 of 2)',
        `error: embedded FerretDB on 127.0.0.1:${db.port} exited unexpectedly (exit code 2); ` +
          'its last output: opening database: disk I/O error | exiting; restarting in 100 ms (attempt 2 of 2)',
      ]);
      expect(gaveUp).toEqual([
        `embedded FerretDB on 127.0.0.1:${db.port} exited (exit code 2); its last output: ` +
          'opening database: disk I/O error | exiting; 2 restarts in a row failed ' +
          '(EMBEDDED_DB_MAX_RESTARTS=2): exiting 1 for a process manager to restart the service',
      ]);
    } finally {
      await db.stop();
    }
  });
});

describe('one owner per data directory', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'ferretdb-owner-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a second FerretDB on a directory this process already serves, and stops nothing', async () => {
    const binary = fakeFerretDb(dir, 0);
    const db = await FerretDbProcess.start({ binary, dataDir: join(dir, 'data'), port: 0 });
    try {
      const second = await FerretDbProcess.start({
        binary,
        dataDir: join(dir, 'data'),
        port: 0,
      }).then(
        () => 'started',
        (error: Error) => error.message,
      );
      expect(second).toMatch(/is in use by another livechat-survey \(PID \d+\)/);
      expect(await isListening(db.port)).toBe(true);
    } finally {
      await db.stop();
    }
  });
});
