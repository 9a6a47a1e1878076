import { request } from 'node:http';
import { MongoClient } from 'mongodb';
import { rocketChatRoom, rocketChatVisitor, type Doc } from '../support/factories';
import { startService, type RunningService } from '../support/service';

/**
 * A rollout or a scale-down as the service sees it: SIGTERM arrives while the load balancer still
 * sends it new clients. During SHUTDOWN_DELAY_MS it must accept and answer every new connection,
 * then stop accepting, finish what is in flight and exit 0 within SHUTDOWN_GRACE_MS.
 */
const DELAY_MS = 2000;
const GRACE_MS = 8000;
const CLIENTS = 4;
/** A slow upload still in flight when the pause ends: its body's second half comes this late. */
const SLOW_BODY_AT_MS = DELAY_MS + 700;

interface Answer {
  /** When the request was sent (epoch ms). */
  sentAt: number;
  status: number | 'refused';
  connection?: string;
  value: string;
}

/**
 * A survey on a TCP connection of its own (`agent: false`): a client newly routed here. With
 * `secondHalfAfterMs`, the body's second half is sent that much later (a slow upload).
 */
function surveyOnNewConnection(
  service: RunningService,
  token: string,
  rid: string,
  value: string,
  secondHalfAfterMs = 0,
): Promise<Answer> {
  const sentAt = Date.now();
  return new Promise((done) => {
    const body = JSON.stringify({ rid, token, data: [{ name: 'additionalFeedback', value }] });
    const req = request(
      `${service.url}/api/v1/livechat/room.survey`,
      {
        method: 'POST',
        agent: false,
        headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', () =>
          done({ sentAt, status: res.statusCode ?? 0, connection: res.headers.connection, value }),
        );
      },
    );
    req.on('error', () => done({ sentAt, status: 'refused', value }));
    const half = Math.floor(body.length / 2);
    req.write(body.slice(0, half));
    setTimeout(() => req.end(body.slice(half)), secondHalfAfterMs);
  });
}

describe('SIGTERM while new clients keep arriving', () => {
  const uri = `${process.env.TEST_MONGODB_URL!.replace(/\/$/, '')}/shutdown_${process.pid}`;
  const visitor = rocketChatVisitor();
  const rooms = Array.from({ length: CLIENTS }, () => rocketChatRoom(visitor));
  const slowRoom = rocketChatRoom(visitor);
  let service: RunningService;

  beforeAll(async () => {
    const client = await new MongoClient(uri).connect();
    await client.db().collection<Doc>('rocketchat_livechat_visitor').insertOne(visitor);
    await client
      .db()
      .collection<Doc>('rocketchat_room')
      .insertMany([...rooms, slowRoom]);
    await client.close();
    service = await startService({
      MONGODB_URI: uri,
      // Hundreds of calls from one address: the limit would answer 429, which says nothing here.
      RATE_LIMIT_ENABLED: 'false',
      SHUTDOWN_DELAY_MS: String(DELAY_MS),
      SHUTDOWN_GRACE_MS: String(GRACE_MS),
      LOG_LEVEL: 'info',
    });
  });
  afterAll(async () => {
    await service.stop('SIGKILL');
  });

  it('accepts and answers every new connection for SHUTDOWN_DELAY_MS, drains, exits 0', async () => {
    let signalled = Number.POSITIVE_INFINITY;
    const answers: Answer[] = [];
    // Each client rates its own room again and again, each time on a fresh connection, from
    // before SIGTERM until shortly before the pause ends.
    const client = async (rid: string) => {
      for (let i = 0; Date.now() - signalled < DELAY_MS - 400; i++) {
        answers.push(await surveyOnNewConnection(service, visitor.token, rid, `${rid}-${i}`));
      }
    };
    const clients = Promise.all(rooms.map((room) => client(room._id)));
    await new Promise((r) => setTimeout(r, 500));
    signalled = Date.now();
    service.child.kill('SIGTERM');
    // Connected during the pause, its body finished after it: the drain must wait for it.
    await new Promise((r) => setTimeout(r, DELAY_MS - 500));
    const slow = await surveyOnNewConnection(
      service,
      visitor.token,
      slowRoom._id,
      'slow-upload',
      SLOW_BODY_AT_MS - (DELAY_MS - 500),
    );
    await clients;
    const exitCode = await service.exited;
    const shutdownMs = Date.now() - signalled;

    const during = answers.filter((answer) => answer.sentAt >= signalled);
    const statuses = (list: Answer[]) =>
      list.reduce<Record<string, number>>((counts, { status }) => {
        counts[status] = (counts[status] ?? 0) + 1;
        return counts;
      }, {});
    console.log(
      `SIGTERM with ${CLIENTS} clients on new connections: ${answers.length} requests ` +
        `(${during.length} sent during the ${DELAY_MS} ms pause, the last ` +
        `${Math.max(...during.map((a) => a.sentAt)) - signalled} ms after SIGTERM), ` +
        `statuses ${JSON.stringify(statuses(answers))}; slow upload (body done at ` +
        `${SLOW_BODY_AT_MS} ms) ${slow.status}; exit ${exitCode} after ${shutdownMs} ms`,
    );
    // None refused, none 5xx: every request, before and during the pause, answered 200.
    expect(statuses(answers)).toEqual({ 200: answers.length });
    expect(answers.length - during.length).toBeGreaterThan(0);
    expect(during.length).toBeGreaterThanOrEqual(CLIENTS * 2);
    // Once shutting down, answers close their connection (keep-alive clients move elsewhere).
    expect(during.every((answer) => answer.connection === 'close')).toBe(true);
    // The drain: accepted during the pause, still uploading after it, answered before the exit.
    expect(slow.status).toBe(200);
    expect(exitCode).toBe(0);
    expect(shutdownMs).toBeGreaterThanOrEqual(SLOW_BODY_AT_MS);
    expect(shutdownMs).toBeLessThan(DELAY_MS + GRACE_MS);
    expect(service.output()).toContain(
      `SIGTERM: shutting down (serving ${DELAY_MS} ms more, then grace ${GRACE_MS} ms)`,
    );
    // After the drain nothing listens any more.
    expect((await surveyOnNewConnection(service, visitor.token, slowRoom._id, 'late')).status).toBe(
      'refused',
    );

    // Every answered survey was stored: each room keeps its client's last value.
    const db = await new MongoClient(uri).connect();
    const stored = await db.db().collection<Doc>('rocketchat_room').find().toArray();
    await db.close();
    for (const room of rooms) {
      const last = answers.filter((answer) => answer.value.startsWith(`${room._id}-`)).at(-1);
      const doc = stored.find((d) => d._id === room._id) as
        { surveyFeedback?: { additionalFeedback?: string } } | undefined;
      expect(doc?.surveyFeedback?.additionalFeedback).toBe(last?.value);
    }
    const slowDoc = stored.find((d) => d._id === slowRoom._id) as
      { surveyFeedback?: { additionalFeedback?: string } } | undefined;
    expect(slowDoc?.surveyFeedback?.additionalFeedback).toBe('slow-upload');
  });
});
