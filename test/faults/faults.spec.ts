import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { buildAppConfig } from '../../src/config/app.config';
import { FerretDbProcess } from '../../src/database/ferretdb.process';
import { rocketChatRoom, rocketChatVisitor, type Doc } from '../support/factories';
import { startService, type RunningService } from '../support/service';

/**
 * Faults, run serially in their own project: each test starts its own FerretDB and the built
 * service (`node dist/main.js`), and never touches the database other tests share.
 */
jest.setTimeout(120_000);

const binary = buildAppConfig({}).database.embedded.binary;

async function setUp(rooms: number) {
  const dataDir = mkdtempSync(join(tmpdir(), 'livechat-survey-fault-'));
  let db = await FerretDbProcess.start({ binary, dataDir, port: 0 });
  const uri = `${db.uri}/faults`;
  const client = await new MongoClient(uri).connect();
  const visitor = rocketChatVisitor();
  const roomDocs = Array.from({ length: rooms }, () => rocketChatRoom(visitor));
  await client.db().collection<Doc>('rocketchat_livechat_visitor').insertOne(visitor);
  await client.db().collection<Doc>('rocketchat_room').insertMany(roomDocs);
  await client.close();
  const service = await startService({
    MONGODB_URI: uri,
    RATE_LIMIT_ENABLED: 'false',
    DB_SERVER_SELECTION_TIMEOUT_MS: '2000',
    LOG_LEVEL: 'info',
  });
  return {
    visitor,
    roomIds: roomDocs.map((room) => room._id),
    service,
    get db() {
      return db;
    },
    restartDb: async () => {
      db = await FerretDbProcess.start({ binary, dataDir, port: db.port });
    },
    stored: async () => {
      const c = await new MongoClient(uri).connect();
      const docs = await c.db().collection<Doc>('rocketchat_room').find().toArray();
      await c.close();
      return new Map(
        docs.map((doc) => [doc._id, doc.surveyFeedback as Record<string, string> | undefined]),
      );
    },
    tearDown: async () => {
      await service.stop('SIGKILL');
      await db.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

type Sent = { rid: string; value: string; status: number | 'error' };

/** One request: the status, or 'error' when the connection failed or took longer than 5 s. */
async function submit(
  service: RunningService,
  token: string,
  rid: string,
  value: string,
): Promise<Sent> {
  try {
    const res = await fetch(`${service.url}/api/v1/livechat/room.survey`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ rid, token, data: [{ name: 'additionalFeedback', value }] }),
      signal: AbortSignal.timeout(5000),
    });
    await res.arrayBuffer();
    return { rid, value, status: res.status };
  } catch {
    return { rid, value, status: 'error' };
  }
}

/** For each room, its last 200 is what is stored, unless a later request (a 503 whose write may have landed) overwrote it. */
function expectEvery200Stored(
  sent: Sent[],
  stored: Map<string, Record<string, string> | undefined>,
) {
  const byRoom = new Map<string, Sent[]>();
  for (const s of sent) byRoom.set(s.rid, [...(byRoom.get(s.rid) ?? []), s]);
  for (const [rid, requests] of byRoom) {
    const lastOk = requests.map((r) => r.status).lastIndexOf(200);
    if (lastOk < 0) continue;
    const allowed = requests.slice(lastOk).map((r) => r.value);
    expect(allowed).toContain(stored.get(rid)?.additionalFeedback);
  }
}

describe('the database stops and restarts under traffic', () => {
  it('answers only 200 or 503, stores every 200, and serves again within 5 s of the restart', async () => {
    const env = await setUp(8);
    try {
      const sent: Sent[] = [];
      let running = true;
      let restartedAt = 0;
      let firstOkAfterRestart = 0;
      const worker = async (rid: string) => {
        for (let i = 0; running; i++) {
          const result = await submit(env.service, env.visitor.token, rid, `${rid}-${i}`);
          sent.push(result);
          if (restartedAt && !firstOkAfterRestart && result.status === 200)
            firstOkAfterRestart = Date.now();
        }
      };
      const workers = env.roomIds.map((rid) => worker(rid));
      await new Promise((r) => setTimeout(r, 1500));
      await env.db.stop();
      await new Promise((r) => setTimeout(r, 3000));
      await env.restartDb();
      restartedAt = Date.now();
      while (!firstOkAfterRestart && Date.now() - restartedAt < 10_000)
        await new Promise((r) => setTimeout(r, 50));
      await new Promise((r) => setTimeout(r, 1000));
      running = false;
      await Promise.all(workers);

      const statuses = new Set(sent.map((s) => s.status));
      const count = (status: Sent['status']) => sent.filter((s) => s.status === status).length;
      console.log(
        `db restart: ${sent.length} requests, ${count(200)} × 200, ${count(503)} × 503, ${count('error')} failed; ` +
          `first 200 ${firstOkAfterRestart - restartedAt} ms after the restart`,
      );
      expect([...statuses].sort()).toEqual([200, 503]);
      expect(firstOkAfterRestart).toBeGreaterThan(0);
      expect(firstOkAfterRestart - restartedAt).toBeLessThan(5000);
      expectEvery200Stored(sent, await env.stored());
    } finally {
      await env.tearDown();
    }
  });
});

describe('SIGTERM during traffic', () => {
  it('finishes in-flight requests, stores every 200, closes the database and exits 0', async () => {
    const env = await setUp(20);
    try {
      const sent: Sent[] = [];
      let running = true;
      const worker = async (rid: string) => {
        for (let i = 0; running; i++) {
          const result = await submit(env.service, env.visitor.token, rid, `${rid}-${i}`);
          sent.push(result);
          if (result.status === 'error') return; // the server has stopped accepting
        }
      };
      const workers = env.roomIds.map((rid) => worker(rid));
      await new Promise((r) => setTimeout(r, 1000));
      const signalled = Date.now();
      const exitCode = await env.service.stop('SIGTERM');
      const shutdownMs = Date.now() - signalled;
      running = false;
      await Promise.all(workers);
      const ok = sent.filter((s) => s.status === 200).length;
      console.log(
        `SIGTERM: ${sent.length} requests, ${ok} × 200, exit ${exitCode} after ${shutdownMs} ms`,
      );
      expect(exitCode).toBe(0);
      expect(shutdownMs).toBeLessThan(10_000);
      expect(sent.filter((s) => s.status !== 200 && s.status !== 'error')).toEqual([]);
      expect(env.service.output()).toContain('SIGTERM: shutting down');
      expectEvery200Stored(sent, await env.stored());
    } finally {
      await env.tearDown();
    }
  });
});
