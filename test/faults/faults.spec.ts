import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { buildAppConfig } from '../../src/config/app.config';
import { FerretDbProcess } from '../../src/database/ferretdb.process';
import { startDatabaseProxy } from '../support/database-proxy';
import { rocketChatRoom, rocketChatVisitor, type Doc } from '../support/factories';
import {
  expectOnlyNewConnectionsRefused,
  heldSurveys,
  surveyOnNewConnection,
  surveysUntilRefused,
  untilRefused,
  type Answer,
} from '../support/new-connection';
import { RedisServer } from '../support/redis-server';
import { startService, type RunningService } from '../support/service';

/**
 * Faults, run serially in their own project: each test starts its own FerretDB and the built
 * service (`node dist/main.js`), and never touches the database other tests share.
 */
jest.setTimeout(120_000);

const binary = buildAppConfig({}).database.embedded.binary;

/** `proxied`: the service reaches the database through a proxy that sees its commands. */
async function setUp(
  rooms: number,
  extraEnv: Record<string, string> = {},
  { proxied = false } = {},
) {
  const dataDir = mkdtempSync(join(tmpdir(), 'livechat-survey-fault-'));
  let db = await FerretDbProcess.start({ binary, dataDir, port: 0 });
  const uri = `${db.uri}/faults`;
  const proxy = proxied
    ? await startDatabaseProxy({ host: '127.0.0.1', port: db.port })
    : undefined;
  const client = await new MongoClient(uri).connect();
  const visitor = rocketChatVisitor();
  const roomDocs = Array.from({ length: rooms }, () => rocketChatRoom(visitor));
  await client.db().collection<Doc>('rocketchat_livechat_visitor').insertOne(visitor);
  await client.db().collection<Doc>('rocketchat_room').insertMany(roomDocs);
  await client.close();
  const service = await startService({
    MONGODB_URI: proxy ? proxy.uri('faults') : uri,
    RATE_LIMIT_ENABLED: 'false',
    DB_SERVER_SELECTION_TIMEOUT_MS: '2000',
    LOG_LEVEL: 'info',
    ...extraEnv,
  });
  return {
    visitor,
    roomIds: roomDocs.map((room) => room._id),
    service,
    proxy,
    get db() {
      return db;
    },
    /** Sends a signal to the FerretDB process itself (SIGSTOP: a stalled but connected server). */
    signalDb: (signal: NodeJS.Signals) =>
      process.kill(Number(readFileSync(join(dataDir, 'ferretdb.pid'), 'utf8')), signal),
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
      await proxy?.close();
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
  sent: { rid: string; value: string; status: unknown }[],
  stored: Map<string, Record<string, string> | undefined>,
) {
  const byRoom = new Map<string, typeof sent>();
  for (const s of sent) byRoom.set(s.rid, [...(byRoom.get(s.rid) ?? []), s]);
  for (const [rid, requests] of byRoom) {
    const lastOk = requests.map((r) => r.status).lastIndexOf(200);
    if (lastOk < 0) continue;
    const allowed = requests.slice(lastOk).map((r) => r.value);
    expect(allowed).toContain(stored.get(rid)?.additionalFeedback);
  }
}

describe('the database stops and restarts under traffic', () => {
  // No retries: the 503s for good after some restarts were the driver's wedged server monitor
  // (src/database/driver-socket-race.ts).
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
  it('answers every request it had accepted, refuses only new connections, stores every 200, closes the database after the last write and exits 0', async () => {
    const env = await setUp(20, {}, { proxied: true });
    try {
      const [heldA, heldB, ...rooms] = env.roomIds;
      const answers: Answer[] = [];
      let signal!: () => void;
      const signalled = new Promise<void>((resolve) => (signal = resolve));
      const stoppedAccepting = signalled.then(() => untilRefused(env.service.url));
      const workers = rooms.map((rid) =>
        surveysUntilRefused(env.service.url, env.visitor.token, rid, answers),
      );
      // In flight when SIGTERM comes, and still when the service stops accepting.
      const held = heldSurveys(
        env.service.url,
        env.visitor.token,
        [heldA, heldB],
        stoppedAccepting,
      );
      await new Promise((r) => setTimeout(r, 1000));
      const signalledAt = Date.now();
      env.service.child.kill('SIGTERM');
      signal();
      const exitCode = await env.service.exited;
      const shutdownMs = Date.now() - signalledAt;
      await Promise.all(workers);
      const heldAnswers = await held;
      // What the database saw of the service, once the process is gone.
      await until(() => Promise.resolve(env.proxy!.openConnections() === 0), 5000);
      const commands = env.proxy!.commands;
      const count = (status: Answer['status']) => answers.filter((a) => a.status === status).length;
      console.log(
        `SIGTERM: ${answers.length} requests, ${count(200)} × 200, ${count('refused')} refused, ` +
          `${count('dropped')} closed unread; held ${JSON.stringify(heldAnswers.map((a) => a.status))}; ` +
          `first refusal ${(await stoppedAccepting) - signalledAt} ms after SIGTERM; ` +
          `exit ${exitCode} after ${shutdownMs} ms; the database's last commands: ${commands.slice(-3).join(', ')}`,
      );
      expect(exitCode).toBe(0);
      expect(shutdownMs).toBeLessThan(10_000);
      expect(heldAnswers.map((a) => [a.accepted, a.status])).toEqual([
        [true, 200],
        [true, 200],
      ]);
      expectOnlyNewConnectionsRefused(answers, signalledAt);
      expect(count(200)).toBeGreaterThan(0);
      expect(env.service.output()).toContain('SIGTERM: shutting down');
      expectEvery200Stored([...answers, ...heldAnswers], await env.stored());
      // The driver ends its sessions when its client is closed (the start-up check's client
      // did so first): the service's, after its last write.
      expect(commands.lastIndexOf('update')).toBeGreaterThan(0);
      expect(commands.lastIndexOf('endSessions')).toBeGreaterThan(commands.lastIndexOf('update'));
    } finally {
      await env.tearDown();
    }
  });
});

type Timed = Sent & { ms: number; body?: string };

/** One survey, timed; the body kept. 'error' when no answer came within `waitMs`. */
async function timedSubmit(
  service: RunningService,
  token: string,
  rid: string,
  value: string,
  waitMs = 15_000,
) {
  const started = Date.now();
  try {
    const res = await fetch(`${service.url}/api/v1/livechat/room.survey`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ rid, token, data: [{ name: 'additionalFeedback', value }] }),
      signal: AbortSignal.timeout(waitMs),
    });
    const body = await res.text();
    return { rid, value, status: res.status, body, ms: Date.now() - started } as Timed;
  } catch {
    return { rid, value, status: 'error', ms: Date.now() - started } as Timed;
  }
}

const SERVICE_UNAVAILABLE =
  '{"success":false,"error":"[service-unavailable]","errorType":"service-unavailable"}';

describe('the database stalls (SIGSTOP: connected, never answering) under traffic', () => {
  it('answers 503 within the operation bound, frees the room, and serves again after SIGCONT', async () => {
    const boundMs = 1000;
    const env = await setUp(4, { DB_OPERATION_TIMEOUT_MS: String(boundMs) });
    let stopped = false;
    try {
      const [rid, other] = env.roomIds;
      expect((await timedSubmit(env.service, env.visitor.token, rid, 'before')).status).toBe(200);
      // Writes to one room queue behind its lock: four on one room, one on another, in flight
      // when the database stops answering.
      const inFlight = [1, 2, 3, 4].map((i) =>
        timedSubmit(env.service, env.visitor.token, rid, `stalled-${i}`),
      );
      inFlight.push(timedSubmit(env.service, env.visitor.token, other, 'stalled-other'));
      env.signalDb('SIGSTOP');
      stopped = true;
      const stalled = await Promise.all(inFlight);
      const later = await timedSubmit(env.service, env.visitor.token, rid, 'during');
      console.log(
        `db stall: ${[...stalled, later].map((s) => `${s.status} in ${s.ms} ms`).join(', ')}`,
      );
      // The driver retries a read or write once: up to two bounded attempts, then the answer.
      const limit = 2 * boundMs + 1500;
      for (const result of [...stalled, later]) {
        expect(result.status === 200 || result.body === SERVICE_UNAVAILABLE).toBe(true);
        expect(result.ms).toBeLessThan(limit);
      }
      expect(later.status).toBe(503);
      expect(later.body).toBe(SERVICE_UNAVAILABLE);

      env.signalDb('SIGCONT');
      stopped = false;
      const resumedAt = Date.now();
      let after: Timed;
      do after = await timedSubmit(env.service, env.visitor.token, rid, 'after');
      while (after.status !== 200 && Date.now() - resumedAt < 10_000);
      console.log(`db resumed: first 200 after ${Date.now() - resumedAt} ms`);
      expect(after.status).toBe(200);
      expect(Date.now() - resumedAt).toBeLessThan(5000);
      expect((await env.stored()).get(rid)?.additionalFeedback).toBe('after');
    } finally {
      if (stopped) env.signalDb('SIGCONT');
      await env.tearDown();
    }
  });
});

/** The service's rate limits on, with counters in `redis`; high enough never to refuse here. */
const limitedBy = (redis: RedisServer) => ({
  REDIS_URL: redis.url,
  RATE_LIMIT_ENABLED: 'true',
  RATE_LIMIT_MAX: '100000',
  RATE_LIMIT_STRICT_MAX: '100000',
});

async function until(condition: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return Date.now() - started;
}

describe("the rate limiter's Redis stalls (SIGSTOP) and stops (SIGKILL)", () => {
  it('answers within 1 s, never 5xx, stays ready, and shares the counters again once Redis is back', async () => {
    const redis = await RedisServer.start();
    const env = await setUp(1, limitedBy(redis));
    try {
      const [rid] = env.roomIds;
      const survey = (value: string) =>
        timedSubmit(env.service, env.visitor.token, rid, value, 3000);
      const ready = () =>
        fetch(`${env.service.url}/health/ready`, { signal: AbortSignal.timeout(5000) }).then(
          (res) => res.status,
          () => 'no answer within 5 s',
        );
      /** A survey is answered 200 and counted in Redis. */
      const countedInRedis = async () => {
        const before = await redis.storedHits();
        return (await survey('counted')).status === 200 && (await redis.storedHits()) > before;
      };
      expect(await countedInRedis()).toBe(true);

      const during: Timed[] = [];
      redis.signal('SIGSTOP');
      for (let i = 0; i < 5; i++) during.push(await survey(`stalled-${i}`));
      const readyWhileStalled = await ready();
      redis.signal('SIGCONT');
      const resumedIn = await until(countedInRedis, 5000);

      await redis.kill();
      for (let i = 0; i < 5; i++) during.push(await survey(`down-${i}`));
      const readyWhileDown = await ready();
      await redis.restart();
      const restartedIn = await until(countedInRedis, 5000);

      console.log(
        `redis stalled, then stopped: ${during.map((s) => `${s.status} in ${s.ms} ms`).join(', ')}; ` +
          `counted in Redis again ${resumedIn} ms after SIGCONT, ${restartedIn} ms after the restart`,
      );
      for (const result of during) {
        expect(result.status).toBe(200);
        expect(result.ms).toBeLessThan(1000);
      }
      // Policy: the limiter falls back to this instance's memory, so Redis is not needed to serve.
      expect([readyWhileStalled, readyWhileDown]).toEqual([200, 200]);
      expect((await env.stored()).get(rid)?.additionalFeedback).toBe('counted');
      // Counted, and warned about once per outage (two here) rather than once per request.
      const metrics = await (await fetch(`${env.service.metricsUrl}/metrics`)).text();
      const fallbacks = /^livechat_survey_rate_limit_fallbacks_total (\d+)/m.exec(metrics);
      expect(Number(fallbacks?.[1])).toBeGreaterThanOrEqual(during.length);
      const warnings = env.service
        .output()
        .split('\n')
        .filter((line) => line.includes('rate-limit counters: Redis unavailable'));
      expect(warnings).toHaveLength(2);
    } finally {
      await env.tearDown();
      await redis.kill();
    }
  });
});

describe('SIGTERM during rate-limited traffic, counters in Redis', () => {
  it('keeps serving new connections for SHUTDOWN_DELAY_MS, then refuses new ones and drains what it accepted: no 5xx, every 200 stored, Redis used to the end', async () => {
    const redis = await RedisServer.start();
    const delayMs = 1500;
    const env = await setUp(12, {
      ...limitedBy(redis),
      SHUTDOWN_DELAY_MS: String(delayMs),
      SHUTDOWN_GRACE_MS: '8000',
    });
    try {
      const [probeRoom, heldRoom, ...rooms] = env.roomIds;
      const answers: Answer[] = [];
      const workers = rooms.map((rid) =>
        surveysUntilRefused(env.service.url, env.visitor.token, rid, answers),
      );
      await new Promise((r) => setTimeout(r, 1000));
      const signalled = Date.now();
      env.service.child.kill('SIGTERM');
      // Accepted during the pause, its body sent once the service refuses new connections.
      const stoppedAccepting = untilRefused(env.service.url);
      const held = heldSurveys(env.service.url, env.visitor.token, [heldRoom], stoppedAccepting);
      // New clients during the pause (the load balancer may still route to this instance).
      // Sent (not answered) at these times; the later one is what the room keeps.
      const probeTimes = [200, delayMs - 500];
      const probes = await Promise.all(
        probeTimes.map(async (at) => {
          await new Promise((r) => setTimeout(r, at));
          return surveyOnNewConnection(
            env.service.url,
            env.visitor.token,
            probeRoom,
            `probe-${at}`,
          );
        }),
      );
      const exitCode = await env.service.exited;
      const shutdownMs = Date.now() - signalled;
      await Promise.all(workers);
      const [heldAnswer] = await held;
      const refusedAt = (await stoppedAccepting) - signalled;
      const count = (status: Answer['status']) => answers.filter((a) => a.status === status).length;
      console.log(
        `SIGTERM with Redis: ${answers.length} requests, ${count(200)} × 200, ${count('refused')} refused, ` +
          `${count('dropped')} closed unread, ` +
          `other: ${JSON.stringify(answers.filter((a) => typeof a.status === 'number' && a.status !== 200).map((a) => a.status))}; ` +
          `probes sent at ${JSON.stringify(probes.map((p) => [p.sentAt - signalled, p.status]))}; held ${heldAnswer.status}; ` +
          `first refusal ${refusedAt} ms after SIGTERM; exit ${exitCode} after ${shutdownMs} ms`,
      );
      expect(probes.every((p) => p.sentAt - signalled < delayMs)).toBe(true);
      expect(probes.map((p) => p.status)).toEqual([200, 200]);
      expect(refusedAt).toBeGreaterThanOrEqual(delayMs);
      expect([heldAnswer.accepted, heldAnswer.status]).toEqual([true, 200]);
      expectOnlyNewConnectionsRefused(answers, signalled + delayMs);
      expect(exitCode).toBe(0);
      expect(shutdownMs).toBeGreaterThanOrEqual(delayMs);
      expect(shutdownMs).toBeLessThan(delayMs + 8000);
      expect(count(200)).toBeGreaterThan(0);
      expect(env.service.output()).not.toContain('rate-limit counters: Redis unavailable');
      const stored = await env.stored();
      expect(stored.get(probeRoom)?.additionalFeedback).toBe(`probe-${probeTimes[1]}`);
      expectEvery200Stored([...answers, heldAnswer], stored);
    } finally {
      await env.tearDown();
      await redis.kill();
    }
  });
});
