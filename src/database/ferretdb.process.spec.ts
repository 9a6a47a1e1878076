import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';

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
      expect(added).toHaveLength(1);
      expect(await isListening(db.port)).toBe(true);
      // What this process's exit would run (process.exit after a failed start-up, say).
      added[0].call(process, 1);
      await until(async () => !(await isListening(db.port)));
    } finally {
      await db.stop();
    }
    expect(process.listeners('exit')).toEqual(before);
  });
});
