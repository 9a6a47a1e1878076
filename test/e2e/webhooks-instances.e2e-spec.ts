import { MongoClient, type Db } from 'mongodb';
import {
  jsonLogLines,
  postJson,
  startService,
  webhookServiceEnv,
  type RunningService,
} from '../support/service';
import { rocketChatRoom, rocketChatVisitor, type Doc } from '../support/factories';
import { scopedApiKey } from '../support/managers';
import { downPort, startReceiver, until } from '../support/webhook-receiver';

const HOOKS = '/api/v1/livechat/survey.webhooks';
const key = scopedApiKey('webhooks:manage');

/** The built service (`node dist/main.js`) on the run's database server, in `dbName`. */
const serviceEnv = (dbName: string) => ({
  ...webhookServiceEnv(dbName, key.entry),
  LOG_LEVEL: 'info',
});

async function registerHook(service: RunningService, url: string) {
  const res = await postJson(service, HOOKS, { url }, { 'X-Api-Key': key.key });
  expect(res.status).toBe(200);
  return ((await res.json()) as { webhook: { _id: string; secret: string } }).webhook;
}

/** `count` visitors with one open room each, stored as Rocket.Chat stores them. */
async function seed(db: Db, count: number) {
  const pairs = Array.from({ length: count }, () => {
    const visitor = rocketChatVisitor();
    return { visitor, room: rocketChatRoom(visitor) };
  });
  await db.collection<Doc>('rocketchat_livechat_visitor').insertMany(pairs.map((p) => p.visitor));
  await db.collection<Doc>('rocketchat_room').insertMany(pairs.map((p) => p.room));
  return pairs;
}

const survey = (service: RunningService, rid: string, token: string) =>
  postJson(service, '/api/v1/livechat/room.survey', {
    rid,
    token,
    data: [{ name: 'satisfaction', value: '4' }],
  });

describe('webhooks across processes (the built service)', () => {
  let client: MongoClient;
  const running: RunningService[] = [];
  const receivers: { close: () => Promise<void> }[] = [];

  beforeAll(async () => {
    client = await new MongoClient(process.env.TEST_MONGODB_URL!).connect();
  });
  afterAll(async () => {
    for (const service of running) await service.stop('SIGKILL');
    await Promise.all(receivers.map((receiver) => receiver.close()));
    await client.close();
  });
  const start = async (dbName: string, env: Record<string, string> = {}) => {
    const service = await startService({ ...serviceEnv(dbName), ...env });
    running.push(service);
    return service;
  };
  const receiver = async (statuses: number[] = [200], port = 0) => {
    const started = await startReceiver(statuses, { port });
    receivers.push(started);
    return started;
  };

  it('SIGKILL right after the 200: the restarted service delivers the event, once per hook', async () => {
    const dbName = `webhooks_kill_${process.pid}`;
    const db = client.db(dbName);
    // Should A try before it dies, its attempt fails (the receivers are down) and B retries soon,
    // without waiting long for a lease A may have left.
    const env = { WEBHOOKS_RETRY_SCHEDULE: '200ms', WEBHOOKS_TIMEOUT_MS: '2000' };
    const ports = [await downPort(), await downPort()];
    const a = await start(dbName, env);
    const hooks = [];
    for (const port of ports) {
      hooks.push(await registerHook(a, `http://127.0.0.1:${port}/hooks/survey`));
    }
    const [{ visitor, room }] = await seed(db, 1);
    const answer = await survey(a, room._id, visitor.token);
    a.child.kill('SIGKILL');
    expect(answer.status).toBe(200);
    await a.exited;

    // The receivers listen only once A is gone: whatever they get, B sent.
    const [one, two] = [await receiver([200], ports[0]), await receiver([200], ports[1])];
    const b = await start(dbName, env);
    await until(() => one.received.length > 0 && two.received.length > 0, 'both hooks', 30_000);
    const deliveries = db.collection('livechat_survey_deliveries');
    await until(
      async () => (await deliveries.countDocuments({ status: 'delivered' })) === 2,
      'both deliveries marked delivered',
      30_000,
    );
    for (const r of [one, two]) {
      expect(r.received).toHaveLength(1);
      expect(JSON.parse(r.received[0].body).data.rid).toBe(room._id);
    }
    expect(await db.collection('livechat_survey_events').countDocuments()).toBe(0);
    // One log line per attempt, without the secret or the signature: B's says it delivered (the
    // line may reach B's output a moment after the status reaches the database).
    for (const hook of hooks) {
      const delivered = new RegExp(
        `webhook ${hook._id} delivery \\S+ \\(survey\\.submitted, webhook-id msg_\\S+\\) attempt \\d: HTTP 200 in \\d+ ms, delivered`,
      );
      await until(() => delivered.test(b.output()), `B's delivered line for ${hook._id}`, 10_000);
    }
    const log = b.output() + a.output();
    for (const hook of hooks) expect(log).not.toContain(hook.secret.slice(6));
    expect(log).not.toContain(one.received[0].headers['webhook-signature']);
    expect(await b.stop()).toBe(0);
    await db.dropDatabase();
  }, 90_000);

  it('logs a failed attempt at warn, a delivered one at info', async () => {
    const dbName = `webhooks_log_${process.pid}`;
    const db = client.db(dbName);
    const r = await receiver([503, 200]);
    const a = await start(dbName, { WEBHOOKS_RETRY_SCHEDULE: '100ms' });
    const hook = await registerHook(a, r.url);
    const [{ visitor, room }] = await seed(db, 1);
    expect((await survey(a, room._id, visitor.token)).status).toBe(200);
    const attempts = () =>
      jsonLogLines(a.output()).filter((line) => line.msg.startsWith(`webhook ${hook._id} `));
    await until(() => attempts().length === 2, 'both attempts logged', 30_000);
    expect(attempts().map(({ level, msg }) => [level, msg.replace(/^.*: /, '')])).toEqual([
      [40, expect.stringMatching(/^HTTP 503 in \d+ ms, retrying, next at \S+$/)],
      [30, expect.stringMatching(/^HTTP 200 in \d+ ms, delivered$/)],
    ]);
    expect(await a.stop()).toBe(0);
    await db.dropDatabase();
  }, 90_000);

  it('two instances on one database, 200 submissions: each event delivered exactly once', async () => {
    const dbName = `webhooks_two_${process.pid}`;
    const db = client.db(dbName);
    const r = await receiver();
    const a = await start(dbName);
    await registerHook(a, r.url);
    // Started after the registration, B counts the hook at start-up.
    const b = await start(dbName);
    const pairs = await seed(db, 200);
    const answeredAt = new Map<string, number>();
    let next = 0;
    const worker = async () => {
      while (next < pairs.length) {
        const i = next++;
        const { visitor, room } = pairs[i];
        const service = i % 2 ? a : b;
        const res = await survey(service, room._id, visitor.token).catch((error: Error) => {
          throw new Error(
            `${error.message}; the service printed:\n${service.output().slice(-3000)}`,
          );
        });
        expect(res.status).toBe(200);
        answeredAt.set(room._id, Date.now());
      }
    };
    await Promise.all(Array.from({ length: 4 }, worker));
    await until(() => r.received.length >= 200, '200 deliveries', 120_000);
    await until(
      async () =>
        (await db
          .collection('livechat_survey_deliveries')
          .countDocuments({ status: 'delivered' })) === 200,
      'all marked delivered',
      30_000,
    );
    // A poll or two more: nothing else arrives.
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(r.received).toHaveLength(200);
    expect(new Set(r.received.map(({ headers }) => headers['webhook-id'])).size).toBe(200);
    const rids = r.received.map(({ body }) => JSON.parse(body).data.rid as string);
    expect(new Set(rids)).toEqual(new Set(pairs.map(({ room }) => room._id)));

    const latencies = r.received
      .map(({ body, at }) => at - answeredAt.get(JSON.parse(body).data.rid as string)!)
      .sort((x, y) => x - y);
    const pick = (q: number) =>
      latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
    console.log(
      `webhook delivery latency from the 200 to the receiver, 200 events, two instances: p50 ${pick(0.5)} ms, p99 ${pick(0.99)} ms, max ${latencies.at(-1)} ms`,
    );
    expect(await a.stop()).toBe(0);
    expect(await b.stop()).toBe(0);
    await db.dropDatabase();
  }, 180_000);
});
