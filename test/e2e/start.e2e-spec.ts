import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startService } from '../support/service';

const PRESTART = resolve(__dirname, '..', '..', 'scripts', 'prestart.js');
// bash, sed and the like, but no Go (it lives in /usr/local/go/bin here).
const PATH_WITHOUT_GO = '/usr/bin:/bin';

/** `npm start`'s first step, as a fresh machine without Go runs it. */
function prestart(env: Record<string, string>) {
  const started = Date.now();
  const run = spawnSync(process.execPath, [PRESTART], {
    env: { PATH: PATH_WITHOUT_GO, ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: run.status, output: run.stdout + run.stderr, ms: Date.now() - started };
}

describe('first run: npm start', () => {
  let emptyCache: string;
  beforeAll(() => (emptyCache = mkdtempSync(join(tmpdir(), 'livechat-survey-nodb-'))));
  afterAll(() => rmSync(emptyCache, { recursive: true, force: true }));

  it('needs no Go when MONGODB_URI is set: nothing is built for the embedded database', () => {
    const run = prestart({
      MONGODB_URI: 'mongodb://db.example.com/livechat',
      FERRETDB_DIR: emptyCache,
    });
    expect(run.status).toBe(0);
    expect(run.output).toContain('MONGODB_URI is set: the embedded database is not needed');
  });

  it('without Go and without MONGODB_URI, exits non-zero at once naming both ways out', () => {
    const run = prestart({ FERRETDB_DIR: emptyCache });
    expect(run.status).toBe(1);
    expect(run.ms).toBeLessThan(5000);
    expect(run.output).toContain('go was not found on the PATH');
    expect(run.output).toContain('install Go 1.24+');
    expect(run.output).toContain('set MONGODB_URI');
  });

  it('with a Go older than 1.24, says which it found and what is needed', () => {
    const bin = mkdtempSync(join(tmpdir(), 'livechat-survey-oldgo-'));
    writeFileSync(join(bin, 'go'), '#!/bin/sh\necho go1.22.5\n');
    chmodSync(join(bin, 'go'), 0o755);
    const run = prestart({ FERRETDB_DIR: emptyCache, PATH: `${bin}:${PATH_WITHOUT_GO}` });
    rmSync(bin, { recursive: true, force: true });
    expect(run.status).toBe(1);
    expect(run.output).toContain('Go 1.24 or newer: found go1.22.5');
    expect(run.output).toContain('set MONGODB_URI');
  });

  it('logs which database it uses on its first line, as JSON outside development', async () => {
    const base = (process.env.TEST_MONGODB_URL ?? '').replace(/\/$/, '');
    const service = await startService({ MONGODB_URI: `${base}/start_json` });
    await service.stop();
    const first = JSON.parse(service.output().split('\n')[0]) as { msg: string };
    expect(first.msg).toBe(
      `livechat-survey starting (Node ${process.version}), database: MongoDB at ${base}/start_json`,
    );
  });

  it('shows the line that says it is up at any LOG_LEVEL (error here): port, database, docs', async () => {
    const base = (process.env.TEST_MONGODB_URL ?? '').replace(/\/$/, '');
    const service = await startService({ MONGODB_URI: `${base}/start_quiet`, LOG_LEVEL: 'error' });
    await service.stop();
    const port = new URL(service.url).port;
    const lines = service
      .output()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { level: number; msg: string });
    // Nothing else at info: the level holds for every other line.
    expect(lines.map((line) => line.msg)).toEqual([
      `livechat-survey listening on port ${port}, database: MongoDB at ${base}/start_quiet, ` +
        `API docs: http://localhost:${port}/api-docs`,
    ]);
  });

  it('logs readable lines in development', async () => {
    const base = (process.env.TEST_MONGODB_URL ?? '').replace(/\/$/, '');
    const service = await startService({
      NODE_ENV: 'development',
      MONGODB_URI: `${base}/start_pretty`,
    });
    await service.stop();
    const lines = service.output().trim().split('\n');
    expect(lines[0]).toMatch(
      /^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: \[Bootstrap\] livechat-survey starting \(Node v\d+\.\d+\.\d+\), database: MongoDB at /,
    );
    expect(
      lines.some((line) => line.includes('[Bootstrap] livechat-survey listening on port')),
    ).toBe(true);
    expect(lines.filter((line) => line.startsWith('{'))).toEqual([]);
  });
});
