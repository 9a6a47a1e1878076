import { MongoClient } from 'mongodb';
import { rocketChatRoom, rocketChatVisitor, type Doc } from '../support/factories';
import {
  expectOnlyNewConnectionsRefused,
  heldSurveys,
  surveysUntilRefused,
  untilRefused,
  type Answer,
} from '../support/new-connection';
import { startService, type RunningService } from '../support/service';

/**
 * A rollout or a scale-down as the service sees it: SIGTERM arrives while the load balancer still
 * sends it new clients. During SHUTDOWN_DELAY_MS it must accept and answer every new connection,
 * then stop accepting, finish what is in flight and exit 0 within SHUTDOWN_GRACE_MS.
 */
const DELAY_MS = 2000;
const GRACE_MS = 8000;
const CLIENTS = 4;

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

  it('answers every new connection for SHUTDOWN_DELAY_MS, then refuses new ones while it drains what it accepted, exits 0', async () => {
    const answers: Answer[] = [];
    // Each client rates its own room again and again, each time on a fresh connection, from
    // before SIGTERM until the service refuses it: the pause is probed to its end.
    const clients = Promise.all(
      rooms.map((room) => surveysUntilRefused(service.url, visitor.token, room._id, answers)),
    );
    await new Promise((r) => setTimeout(r, 500));
    const signalled = Date.now();
    service.child.kill('SIGTERM');
    // A slow upload the service holds when the pause ends: its body is sent only once a new
    // connection is refused, so its 200 says both that the service stopped accepting while it
    // still drained, and that the drain waited for it.
    const stoppedAccepting = untilRefused(service.url);
    const [slow] = await heldSurveys(service.url, visitor.token, [slowRoom._id], stoppedAccepting);
    const refusedAt = await stoppedAccepting;
    await clients;
    const exitCode = await service.exited;
    const shutdownMs = Date.now() - signalled;

    const endOfPause = signalled + DELAY_MS;
    const during = answers.filter((answer) => answer.sentAt >= signalled && answer.status === 200);
    const statuses = (list: Answer[]) =>
      list.reduce<Record<string, number>>((counts, { status }) => {
        counts[status] = (counts[status] ?? 0) + 1;
        return counts;
      }, {});
    console.log(
      `SIGTERM with ${CLIENTS} clients on new connections: ${answers.length} requests ` +
        `(${during.length} answered 200 during the ${DELAY_MS} ms pause, the last sent ` +
        `${Math.max(...during.map((a) => a.sentAt)) - signalled} ms after SIGTERM), ` +
        `statuses ${JSON.stringify(statuses(answers))}; first refusal ${refusedAt - signalled} ms ` +
        `after SIGTERM; slow upload ${slow.status}; exit ${exitCode} after ${shutdownMs} ms`,
    );
    // Until the pause ended, nothing was refused or cut; whatever the service had accepted,
    // before or after, it answered 200.
    expectOnlyNewConnectionsRefused(answers, endOfPause);
    expect(refusedAt).toBeGreaterThanOrEqual(endOfPause);
    expect(slow).toMatchObject({ accepted: true, status: 200 });
    expect(answers.filter((answer) => answer.sentAt < signalled).length).toBeGreaterThan(0);
    expect(during.length).toBeGreaterThanOrEqual(CLIENTS * 2);
    // Once shutting down, answers close their connection (keep-alive clients move elsewhere).
    expect(during.every((answer) => answer.connection === 'close')).toBe(true);
    expect(exitCode).toBe(0);
    expect(shutdownMs).toBeLessThan(DELAY_MS + GRACE_MS);
    expect(service.output()).toContain(
      `SIGTERM: shutting down (serving ${DELAY_MS} ms more, then grace ${GRACE_MS} ms)`,
    );

    // Every answered survey was stored: each room keeps its client's last 200.
    const db = await new MongoClient(uri).connect();
    const stored = await db.db().collection<Doc>('rocketchat_room').find().toArray();
    await db.close();
    const feedbackOf = (rid: string) =>
      (stored.find((d) => d._id === rid) as { surveyFeedback?: { additionalFeedback?: string } })
        ?.surveyFeedback?.additionalFeedback;
    for (const room of rooms) {
      const answered = answers.filter((a) => a.rid === room._id && a.status === 200);
      expect(feedbackOf(room._id)).toBe(answered.at(-1)?.value);
    }
    expect(feedbackOf(slowRoom._id)).toBe(slow.value);
  });
});
