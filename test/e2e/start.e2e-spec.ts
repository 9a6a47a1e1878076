import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../../src/database/ferretdb.process';
import { startService, type RunningService } from '../support/service';

const ROOT = resolve(__dirname, '..', '..');
const PRESTART = resolve(ROOT, 'scripts', 'prestart.ts');
const TS_NODE = resolve(ROOT, 'node_modules', 'ts-node', 'dist', 'bin.js');
// bash, sed and the like, but no Go (it lives in /usr/local/go/bin here).
const PATH_WITHOUT_GO = '/usr/bin:/bin';

/** Free ports and a data directory of its own: nothing the checks before building refuse. */
async function ownPlace(dataDir: string) {
  return {
    PORT: String(await freePort()),
    METRICS_PORT: String(await freePort()),
    EMBEDDED_DB_DIR: dataDir,
    EMBEDDED_DB_PORT: String(await freePort()),
  };
}

/** `npm start` itself (prestart, build, start) in the project folder; resolves once it exits. */
function npmStart(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = spawn('npm', ['start'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group: stopped whole (npm, the build, the service) should it run on.
    detached: true,
  });
  const chunks: string[] = [];
  child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  // Were it to start after all, it is stopped: the test then fails on its exit code.
  const timer = setTimeout(() => process.kill(-child.pid!, 'SIGTERM'), 150_000);
  return new Promise((done) =>
    child.once('exit', (code) => {
      clearTimeout(timer);
      done({ code, output: chunks.join('') });
    }),
  );
}

/** Asks for `paths` until `stop` resolves; counts the answers by "path status". */
async function pollWhile(base: string, paths: string[], stop: Promise<unknown>) {
  const answers = new Map<string, number>();
  let stopped = false;
  void stop.finally(() => (stopped = true));
  while (!stopped) {
    for (const path of paths) {
      const res = await fetch(`${base}${path}`).catch(() => undefined);
      await res?.arrayBuffer();
      const key = `${path} ${res?.status ?? 'no answer'}`;
      answers.set(key, (answers.get(key) ?? 0) + 1);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return answers;
}

/** `npm start`'s first step, as a fresh machine without Go runs it. */
function prestart(env: Record<string, string>) {
  const started = Date.now();
  const run = spawnSync(process.execPath, [TS_NODE, '--transpile-only', PRESTART], {
    cwd: ROOT,
    env: { PATH: PATH_WITHOUT_GO, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: run.status, output: run.stdout + run.stderr, ms: Date.now() - started };
}

describe('first run: npm start', () => {
  let emptyCache: string;
  let place: Record<string, string>;
  beforeAll(async () => {
    emptyCache = mkdtempSync(join(tmpdir(), 'livechat-survey-nodb-'));
    place = await ownPlace(join(emptyCache, 'data'));
  });
  afterAll(() => rmSync(emptyCache, { recursive: true, force: true }));

  it('needs no Go when MONGODB_URI is set: nothing is built for the embedded database', () => {
    const run = prestart({
      ...place,
      MONGODB_URI: 'mongodb://db.example.com/livechat',
      FERRETDB_DIR: emptyCache,
    });
    expect(run.status).toBe(0);
    expect(run.output).toContain('MONGODB_URI is set: the embedded database is not needed');
  });

  it('without Go and without MONGODB_URI, exits non-zero at once naming both ways out', () => {
    const run = prestart({ ...place, FERRETDB_DIR: emptyCache });
    expect(run.status).toBe(1);
    expect(run.ms).toBeLessThan(15_000);
    expect(run.output).toContain('go was not found on the PATH');
    expect(run.output).toContain('install Go 1.24+');
    expect(run.output).toContain('set MONGODB_URI');
  });

  it('with a Go older than 1.24, says which it found and what is needed', () => {
    const bin = mkdtempSync(join(tmpdir(), 'livechat-survey-oldgo-'));
    writeFileSync(join(bin, 'go'), '#!/bin/sh\necho go1.22.5\n');
    chmodSync(join(bin, 'go'), 0o755);
    const run = prestart({ ...place, FERRETDB_DIR: emptyCache, PATH: `${bin}:${PATH_WITHOUT_GO}` });
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

  it('shows the line that says it is up at any LOG_LEVEL (error here): port, database, docs, page', async () => {
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
        `API docs: http://localhost:${port}/api-docs, reports page: http://localhost:${port}/reports/`,
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

describe('npm start beside a running service', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'livechat-survey-second-'));
  const dist = (file: string) => join(ROOT, 'dist', file);
  let service: RunningService | undefined;
  afterAll(async () => {
    await service?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('is refused before anything is built; the running one serves /reports/ and the API throughout', async () => {
    const env = {
      EMBEDDED_DB_DIR: dataDir,
      EMBEDDED_DB_PORT: String(await freePort()),
      RATE_LIMIT_ENABLED: 'false',
    };
    service = await startService(env);
    const ports = {
      PORT: new URL(service.url).port,
      METRICS_PORT: new URL(service.metricsUrl).port,
    };
    const built = statSync(dist('main.js'));
    // As after an edit of the sources: a build would run, were the checks not first.
    const stamp = readFileSync(dist('.build-stamp'), 'utf8');
    writeFileSync(dist('.build-stamp'), 'the sources changed\n');
    let second: { code: number | null; output: string };
    let answers: Map<string, number>;
    try {
      const started = npmStart({ ...env, ...ports });
      answers = await pollWhile(service.url, ['/reports/', '/api/v1/livechat/config'], started);
      second = await started;
    } finally {
      writeFileSync(dist('.build-stamp'), stamp);
    }
    expect(second.code).toBe(1);
    expect(second.output).toContain(
      `data directory ${dataDir} is in use by another livechat-survey (PID ${service.child.pid}`,
    );
    expect(second.output).not.toContain('web-budget');
    const after = statSync(dist('main.js'));
    expect([after.ino, after.mtimeMs]).toEqual([built.ino, built.mtimeMs]);
    expect([...answers.keys()].sort()).toEqual(['/api/v1/livechat/config 200', '/reports/ 200']);
  }, 240_000);

  it('is refused before anything is built when PORT is taken by another program', async () => {
    const other = createServer();
    await new Promise<void>((done) => other.listen(0, done));
    const port = (other.address() as { port: number }).port;
    try {
      const run = prestart({ ...(await ownPlace(join(dataDir, 'other'))), PORT: String(port) });
      expect(run.status).toBe(1);
      expect(run.output).toBe(
        `PORT ${port} is in use (another livechat-survey, or another program): stop what uses it, or set PORT\n`,
      );
    } finally {
      other.close();
    }
  });
});

describe('npm start on an unchanged tree', () => {
  it('does not build again: dist/ stays as it is', () => {
    const main = join(ROOT, 'dist', 'main.js');
    const built = statSync(main);
    const run = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.js'), '--if-changed'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('build: dist/ is up to date with the sources, not rebuilt\n');
    const after = statSync(main);
    expect([after.ino, after.mtimeMs]).toEqual([built.ino, built.mtimeMs]);
  });
});
