import { MongoClient, type Db } from 'mongodb';
import { startService, type RunningService } from '../support/service';
import { rocketChatRoom, rocketChatVisitor, type Doc } from '../support/factories';
import { rocketChatUser } from '../support/managers';
import { startReceiver, until } from '../support/webhook-receiver';

const HOOKS = '/api/v1/livechat/survey.webhooks';
const SURVEYS = 20;
const manager = rocketChatUser(['user', 'livechat-manager']);

const send = (service: RunningService, method: string, path: string, body: object, auth = true) =>
  fetch(`${service.url}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...(auth && manager.headers) },
    body: JSON.stringify(body),
  });

/** `count` answered surveys through `service`; resolves once all are 200. */
async function answerSurveys(db: Db, service: RunningService, count: number) {
  for (let i = 0; i < count; i++) {
    const visitor = rocketChatVisitor();
    const room = rocketChatRoom(visitor);
    await db.collection<Doc>('rocketchat_livechat_visitor').insertOne(visitor);
    await db.collection<Doc>('rocketchat_room').insertOne(room);
    const res = await send(
      service,
      'POST',
      '/api/v1/livechat/room.survey',
      { rid: room._id, token: visitor.token, data: [{ name: 'satisfaction', value: '4' }] },
      false,
    );
    expect(res.status).toBe(200);
  }
}

describe('webhooks paused, resumed and retried across two instances (the built service)', () => {
  const dbName = `webhooks_manage_${process.pid}`;
  let client: MongoClient;
  let db: Db;
  let a: RunningService;
  let b: RunningService;
  const receivers: { close: () => Promise<void> }[] = [];

  beforeAll(async () => {
    client = await new MongoClient(process.env.TEST_MONGODB_URL!).connect();
    db = client.db(dbName);
    await db.collection('users').insertOne(manager.user as never);
    const env = {
      MONGODB_URI: `${process.env.TEST_MONGODB_URL!.replace(/\/$/, '')}/${dbName}`,
      RATE_LIMIT_ENABLED: 'false',
      WEBHOOKS_ALLOW_PRIVATE: 'true',
      WEBHOOKS_POLL_INTERVAL_MS: '200',
      DB_OPERATION_TIMEOUT_MS: '10000',
    };
    [a, b] = await Promise.all([startService(env), startService(env)]);
  }, 60_000);
  afterAll(async () => {
    for (const service of [a, b]) await service?.stop('SIGKILL');
    await Promise.all(receivers.map((receiver) => receiver.close()));
    await db.dropDatabase();
    await client.close();
  });

  /** A hook on a fresh receiver, paused through A, with SURVEYS deliveries made while paused. */
  async function pausedHookWithDeliveries() {
    const r = await startReceiver();
    receivers.push(r);
    const created = await send(a, 'POST', HOOKS, { url: r.url });
    expect(created.status).toBe(200);
    const { _id: hookId } = ((await created.json()) as { webhook: { _id: string } }).webhook;
    expect((await send(a, 'PATCH', `${HOOKS}/${hookId}`, { active: false })).status).toBe(200);
    // Through A, which knows the hook at once (B's hook list would learn of it within its
    // interval); both dispatchers see the deliveries.
    await answerSurveys(db, a, SURVEYS);
    const deliveries = db.collection<{ _id: string; hookId: string }>('livechat_survey_deliveries');
    await until(
      async () => (await deliveries.countDocuments({ hookId })) === SURVEYS,
      'every delivery made',
      30_000,
    );
    return { r, hookId, deliveries };
  }

  it('a paused hook, resumed, sends each of its pending deliveries once', async () => {
    const { r, hookId, deliveries } = await pausedHookWithDeliveries();
    expect(r.received).toHaveLength(0);
    expect(await deliveries.countDocuments({ hookId, status: 'pending', attempts: 0 })).toBe(
      SURVEYS,
    );
    const resumedAt = Date.now();
    expect((await send(b, 'PATCH', `${HOOKS}/${hookId}`, { active: true })).status).toBe(200);
    await until(() => r.received.length >= SURVEYS, 'all received', 60_000);
    console.log(
      `resumed hook, two instances: ${SURVEYS} waiting deliveries received within ${r.received.at(-1)!.at - resumedAt} ms of the PATCH`,
    );
    await until(
      async () => (await deliveries.countDocuments({ hookId, status: 'delivered' })) === SURVEYS,
      'all delivered',
      60_000,
    );
    expect(r.received).toHaveLength(SURVEYS);
    expect(new Set(r.received.map(({ headers }) => headers['webhook-id'])).size).toBe(SURVEYS);
  }, 120_000);

  it('retry now through both instances, racing both schedulers: each delivery sent once', async () => {
    const { r, hookId, deliveries } = await pausedHookWithDeliveries();
    const ids = (await deliveries.find({ hookId }).toArray()).map((d) => d._id);
    // Resumed (both schedulers send them at once) while each is also retried through A and B.
    const calls = [
      send(a, 'PATCH', `${HOOKS}/${hookId}`, { active: true }),
      ...ids.flatMap((id) =>
        [b, a].map((service) =>
          send(service, 'POST', `${HOOKS}/${hookId}/deliveries/${id}/retry`, {}),
        ),
      ),
    ];
    const statuses = (await Promise.all(calls)).map((res) => res.status);
    // 400: already delivered when that retry read it.
    expect(statuses.every((status) => status === 200 || status === 400)).toBe(true);
    await until(
      async () => (await deliveries.countDocuments({ hookId, status: 'delivered' })) === SURVEYS,
      'all delivered',
      60_000,
    );
    expect(r.received).toHaveLength(SURVEYS);
    expect(new Set(r.received.map(({ headers }) => headers['webhook-id'])).size).toBe(SURVEYS);
    expect(await deliveries.countDocuments({ hookId, status: 'delivered', attempts: 1 })).toBe(
      SURVEYS,
    );
  }, 120_000);
});
