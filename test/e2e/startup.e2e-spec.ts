import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { freePort, isListening } from '../../src/database/ferretdb.process';
import { rocketChatVisitor, type Doc } from '../support/factories';
import { startService, startServiceToExit } from '../support/service';

const base = () => process.env.TEST_MONGODB_URL!.replace(/\/$/, '');

const isFerretDb = (pid: number) => {
  const cmdline = `/proc/${pid}/cmdline`;
  return existsSync(cmdline) && readFileSync(cmdline, 'utf8').includes('ferretdb');
};

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

  describe('a failure after the embedded FerretDB started', () => {
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
      const pidFile = join(dataDir, 'ferretdb.pid');
      const pid = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8')) : 0;
      if (pid > 0 && isFerretDb(pid)) process.kill(pid, 'SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    });

    it.each(['PORT', 'METRICS_PORT'])(
      'exits 1 with %s in use, and FerretDB is stopped: its port is free again',
      async (variable) => {
        const dbPort = await freePort();
        const { code, output } = await startServiceToExit({
          EMBEDDED_DB_DIR: dataDir,
          EMBEDDED_DB_PORT: String(dbPort),
          [variable]: String(busyPort),
        });
        expect(code).toBe(1);
        expect(output).toContain('EADDRINUSE');
        expect(await isListening(dbPort)).toBe(false);
        expect(existsSync(join(dataDir, 'ferretdb.pid'))).toBe(false);
        // It had started (the start-up's buffered logs are printed too).
        expect(output).toContain(`embedded FerretDB (SQLite) on 127.0.0.1:${dbPort}`);
      },
    );
  });
});
