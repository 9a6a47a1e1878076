import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { freePort, isListening } from '../../src/database/ferretdb.process';
import { rocketChatVisitor, type Doc } from '../support/factories';
import { startService, startServiceToExit } from '../support/service';

const base = () => process.env.TEST_MONGODB_URL!.replace(/\/$/, '');

const commandLine = (pid: number) => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return ''; // gone meanwhile
  }
};
const isFerretDb = (pid: number) => commandLine(pid).includes('ferretdb');

/** The FerretDB processes serving `dataDir`, on whatever port: their pids. */
const ferretDbsServing = (dataDir: string) =>
  readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number)
    .filter((pid) => isFerretDb(pid) && commandLine(pid).includes(`file:${dataDir}/`));

/** `node dist/main.js` where it must not start: the process itself, its exit code and output. */
describe('start-up refusals (node dist/main.js)', () => {
  describe('a MONGODB_URI that names no database (Atlas: mongodb+srv://user:pw@host/?retryWrites=true)', () => {
    it.each([
      ['without credentials', () => `${base()}/?retryWrites=true`],
      ['with credentials', () => `${base().replace('://', '://survey:s3cret@')}/?retryWrites=true`],
    ])('exits 1 with a message naming the fix, %s, never quoting them', async (_, uri) => {
      const { code, output } = await startServiceToExit({ MONGODB_URI: uri() });
      expect(code).toBe(1);
      expect(output).toBe(
        'Invalid configuration:\n  MONGODB_URI: MONGODB_URI names no database (the driver would ' +
          'silently use "test"): put it in the path (mongodb+srv://host/<database>?...) or set ' +
          'MONGODB_DATABASE\n',
      );
      expect(output).not.toContain('s3cret');
    });

    it('starts with MONGODB_DATABASE and serves that database', async () => {
      const dbName = `named_${process.pid}`;
      const client = await new MongoClient(`${base()}/${dbName}`).connect();
      const visitor = rocketChatVisitor();
      await client.db().collection<Doc>('rocketchat_livechat_visitor').insertOne(visitor);
      const service = await startService({
        MONGODB_URI: `${base()}/?retryWrites=true`,
        MONGODB_DATABASE: dbName,
        RATE_LIMIT_ENABLED: 'false',
      });
      try {
        const res = await fetch(`${service.url}/api/v1/livechat/visitor/${visitor.token}`);
        expect(res.status).toBe(200);
        expect(((await res.json()) as { visitor: { _id: string } }).visitor._id).toBe(visitor._id);
      } finally {
        expect(await service.stop()).toBe(0);
        await client.db().dropDatabase();
        await client.close();
      }
    });
  });

  describe('a port in use, with the embedded database', () => {
    let dataDir: string;
    let busy: Server;
    let busyPort: number;
    beforeEach(async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'livechat-survey-startup-'));
      busy = createServer();
      await new Promise<void>((done) => busy.listen(0, done));
      busyPort = (busy.address() as { port: number }).port;
    });
    afterEach(async () => {
      await new Promise((done) => busy.close(done));
      // A FerretDB left running (the defect) must not outlive the test.
      for (const pid of ferretDbsServing(dataDir)) process.kill(pid, 'SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    });

    it.each(['PORT', 'METRICS_PORT', 'EMBEDDED_DB_PORT'])(
      'exits 1 with %s in use before FerretDB is started: none is left, nor a lock',
      async (variable) => {
        const dbPort = variable === 'EMBEDDED_DB_PORT' ? busyPort : await freePort();
        const { code, output } = await startServiceToExit({
          EMBEDDED_DB_DIR: dataDir,
          EMBEDDED_DB_PORT: String(dbPort),
          [variable]: String(busyPort),
        });
        expect(code).toBe(1);
        const lines = output.trim().split('\n');
        expect(lines).toHaveLength(2);
        expect(JSON.parse(lines[1])).toMatchObject({
          level: 50,
          msg: `${variable} ${busyPort} is in use (another livechat-survey, or another program): stop what uses it, or set ${variable}`,
        });
        // No FerretDB of this data directory runs, on EMBEDDED_DB_PORT or any other port.
        expect(ferretDbsServing(dataDir)).toEqual([]);
        if (dbPort !== busyPort) expect(await isListening(dbPort)).toBe(false);
        expect(existsSync(join(dataDir, 'ferretdb.pid'))).toBe(false);
        expect(existsSync(join(dataDir, 'livechat-survey.lock'))).toBe(false);
      },
    );
  });

  describe('a MONGODB_URI that does not answer', () => {
    type Line = { level: number; time: number; context: string; msg: string };
    const attempt = (n: number, where: string, cause: string) =>
      `database connection attempt ${n} to ${where} failed: ${cause}`;

    it.each([
      [
        'connection refused, credentials in the URI',
        'mongodb://survey:s3cret@127.0.0.1:1/livechat',
        '127.0.0.1:1',
        'connection refused',
      ],
      ['a server that accepts and never answers', 'silent', 'silent', 'no answer (timed out)'],
    ])(
      '%s: one warning per attempt as it happens, then one error, exit 1 within DB_STARTUP_TIMEOUT_MS, all JSON',
      async (_, uri, where, cause) => {
        const accepted: Socket[] = [];
        const silent = createServer((socket) => accepted.push(socket));
        await new Promise<void>((done) => silent.listen(0, '127.0.0.1', done));
        const silentAt = `127.0.0.1:${(silent.address() as { port: number }).port}`;
        try {
          const started = Date.now();
          const { code, output } = await startServiceToExit({
            MONGODB_URI: uri === 'silent' ? `mongodb://${silentAt}/livechat` : uri,
            DB_STARTUP_TIMEOUT_MS: '6000',
          });
          const tookMs = Date.now() - started;
          const host = where === 'silent' ? silentAt : where;
          expect(code).toBe(1);
          expect(tookMs).toBeLessThan(6000 + 3000);
          expect(output).not.toContain('s3cret');
          // Every line is JSON: no Nest banner, no stack, no driver server description.
          const lines = output
            .trim()
            .split('\n')
            .map((line) => JSON.parse(line) as Line);
          const attempts = lines.slice(1, -1);
          expect(attempts.length).toBeGreaterThanOrEqual(2);
          expect(attempts.map((line) => [line.level, line.context, line.msg])).toEqual(
            attempts.map((__, i) => [40, 'Database', attempt(i + 1, host, cause)]),
          );
          expect(lines.at(-1)).toMatchObject({
            level: 50,
            msg: expect.stringMatching(
              new RegExp(
                `^database at ${host} not reachable after ${attempts.length} attempts in [5-7] s ` +
                  `\\(last: ${cause.replace(/[()]/g, '\\$&')}\\): check MONGODB_URI and that the ` +
                  'database runs, or raise DB_STARTUP_TIMEOUT_MS$',
              ),
            ),
          });
          // Logged as they happened: the first attempt seconds before the end, not all at once.
          expect(lines.at(-1)!.time - attempts[0].time).toBeGreaterThan(2000);
        } finally {
          accepted.forEach((socket) => socket.destroy());
          await new Promise((done) => silent.close(done));
        }
      },
    );

    it('in development, the same as readable lines', async () => {
      const { code, output } = await startServiceToExit({
        NODE_ENV: 'development',
        MONGODB_URI: 'mongodb://127.0.0.1:1/livechat',
        DB_STARTUP_TIMEOUT_MS: '4000',
      });
      expect(code).toBe(1);
      const lines = output.trim().split('\n');
      expect(lines.slice(1).map((line) => line.replace(/^\[[\d:.]+\] /, ''))).toEqual([
        'WARN: [Database] database connection attempt 1 to 127.0.0.1:1 failed: connection refused',
        expect.stringMatching(/^WARN: \[Database\] database connection attempt 2 /),
        expect.stringMatching(
          /^ERROR: \[Bootstrap\] database at 127.0.0.1:1 not reachable after 2 attempts in \d s \(last: connection refused\)/,
        ),
      ]);
    });
  });
});
