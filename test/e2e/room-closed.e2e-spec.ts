import { spawn } from 'node:child_process';
import { getConnectionToken } from '@nestjs/mongoose';
import { MongoClient, type Db } from 'mongodb';
import type { Connection } from 'mongoose';
import { BACKGROUND } from '../../src/webhooks/webhook.schema';
import { BACKGROUND_CONNECTION } from '../../src/database/background-connection';
import { createTestApp, type TestApp } from '../support/app';
import { Webhook } from 'standardwebhooks';
import { postJson, startService, webhookServiceEnv, type RunningService } from '../support/service';
import {
  closedRocketChatRoom,
  rocketChatRoom,
  rocketChatVisitor,
  type Doc,
} from '../support/factories';
import { scopedApiKey } from '../support/managers';
import { downPort, startReceiver, until, type Received } from '../support/webhook-receiver';

const HOOKS = '/api/v1/livechat/survey.webhooks';
const PUBLIC_URL = 'https://survey.example.com';
const key = scopedApiKey('webhooks:manage');

const serviceEnv = (dbName: string) => ({
  ...webhookServiceEnv(dbName, key.entry),
  ROOM_CLOSED_POLL_MAX_MS: '400',
  PUBLIC_URL,
});

async function registerHook(service: RunningService, url: string, events: string[]) {
  const res = await postJson(service, HOOKS, { url, events }, { 'X-Api-Key': key.key });
  expect(res.status).toBe(200);
  return ((await res.json()) as { webhook: { _id: string; secret: string } }).webhook;
}

/** A visitor and one room of theirs, stored as Rocket.Chat stores them. */
async function seedRoom(db: Db, room: (visitor: ReturnType<typeof rocketChatVisitor>) => Doc) {
  const visitor = rocketChatVisitor();
  const doc = room(visitor);
  await db.collection<Doc>('rocketchat_livechat_visitor').insertOne(visitor);
  await db.collection<Doc>('rocketchat_room').insertOne(doc);
  return { visitor, room: doc };
}

/** The events a receiver got, verified with the hook's secret, by room id. */
function verified(received: Received[], secret: string) {
  return received.map(({ body, headers }) => {
    const event = new Webhook(secret).verify(body, headers) as {
      type: string;
      data: { rid: string; surveyUrl: string | null } & Record<string, unknown>;
    };
    return { id: headers['webhook-id'], ...event };
  });
}

describe('room.closed events (two instances of the built service)', () => {
  let client: MongoClient;
  let db: Db;
  const dbName = `room_closed_${process.pid}`;
  const running: RunningService[] = [];
  const receivers: { close: () => Promise<void> }[] = [];

  beforeAll(async () => {
    client = await new MongoClient(process.env.TEST_MONGODB_URL!).connect();
    db = client.db(dbName);
    // The agent and department the factories' rooms name.
    await db.collection('users').insertOne({
      _id: 'agentId0000000001',
      username: 'agent.smith',
      name: 'Agent Smith',
    } as never);
    await db
      .collection('rocketchat_livechat_department')
      .insertOne({ _id: 'salesDeptId000001', name: 'Sales' } as never);
  });
  afterAll(async () => {
    for (const service of running) await service.stop('SIGKILL');
    await Promise.all(receivers.map((receiver) => receiver.close()));
    await db.dropDatabase();
    await client.close();
  });

  it('sends each closed room once per hook: closed by room.close, by Rocket.Chat, and answered', async () => {
    const [one, two, surveyOnly] = [
      await startReceiver(),
      await startReceiver(),
      await startReceiver(),
    ];
    receivers.push(one, two, surveyOnly);
    const a = await startService(serviceEnv(dbName));
    running.push(a);
    const hooks = [
      await registerHook(a, one.url, ['room.closed']),
      await registerHook(a, two.url, ['survey.submitted', 'room.closed']),
      await registerHook(a, surveyOnly.url, ['survey.submitted']),
    ];
    // Started after the registrations: B reads them at start-up.
    const b = await startService(serviceEnv(dbName));
    running.push(b);

    const viaApi = await seedRoom(db, (visitor) => rocketChatRoom(visitor));
    const close = await postJson(b, '/api/v1/livechat/room.close', {
      rid: viaApi.room._id,
      token: viaApi.visitor.token,
    });
    expect(close.status).toBe(200);
    // Rocket.Chat closing rooms beside this service: closedAt now, open removed.
    const byRocketChat = await seedRoom(db, (visitor) =>
      closedRocketChatRoom(visitor, {
        closedAt: new Date(),
        closer: 'user',
        departmentId: undefined,
      }),
    );
    const answered = await seedRoom(db, (visitor) =>
      closedRocketChatRoom(visitor, {
        closedAt: new Date(),
        surveyFeedback: { satisfaction: '5' },
        servedBy: undefined,
      }),
    );

    await until(
      () => one.received.length >= 3 && two.received.length >= 3,
      'three events per hook',
      60_000,
    );
    // A few polls of both instances more: nothing else arrives.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(surveyOnly.received).toHaveLength(0);
    for (const [receiver, hook] of [
      [one, hooks[0]],
      [two, hooks[1]],
    ] as const) {
      const events = verified(receiver.received, hook.secret);
      expect(events).toHaveLength(3);
      const byRoom = new Map(events.map((event) => [event.data.rid, event]));
      expect(byRoom.size).toBe(3);
      const api = byRoom.get(viaApi.room._id)!;
      expect(api.type).toBe('room.closed');
      expect(api.id).toBe(`msg_${viaApi.room._id}_closed`);
      expect(api.data).toEqual({
        rid: viaApi.room._id,
        closedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        agent: { _id: 'agentId0000000001', username: 'agent.smith', name: 'Agent Smith' },
        department: { _id: 'salesDeptId000001', name: 'Sales' },
        surveyUrl: expect.stringMatching(/^https:\/\/survey\.example\.com\/survey\/[\w-]{32}$/),
      });
      expect(byRoom.get(byRocketChat.room._id)!.data).toEqual({
        rid: byRocketChat.room._id,
        closedAt: (byRocketChat.room.closedAt as Date).toISOString(),
        agent: { _id: 'agentId0000000001', username: 'agent.smith', name: 'Agent Smith' },
        department: null,
        surveyUrl: expect.stringMatching(/^https:\/\/survey\.example\.com\/survey\/[\w-]{32}$/),
      });
      expect(byRoom.get(answered.room._id)!.data).toEqual({
        rid: answered.room._id,
        closedAt: (answered.room.closedAt as Date).toISOString(),
        agent: null,
        department: { _id: 'salesDeptId000001', name: 'Sales' },
        surveyUrl: null,
      });
    }
    // Both hooks got the same link for a room; it is the room's one live link.
    const urls = (r: Received[]) =>
      r.map(({ body }) => JSON.parse(body).data as { rid: string; surveyUrl: string | null });
    const first = new Map(urls(one.received).map((d) => [d.rid, d.surveyUrl]));
    for (const d of urls(two.received)) expect(d.surveyUrl).toBe(first.get(d.rid));
    expect(await db.collection('livechat_survey_links').countDocuments()).toBe(2);
    const page = await fetch(`${a.url}${new URL(first.get(viaApi.room._id)!).pathname}`);
    expect(page.status).toBe(200);
    expect(await a.stop()).toBe(0);
    expect(await b.stop()).toBe(0);
  }, 120_000);

  it("the example receiver of docs/survey-links.md verifies the signature and prints the room's link", async () => {
    const service = await startService(serviceEnv(dbName));
    running.push(service);
    const port = await downPort();
    const hook = await registerHook(service, `http://127.0.0.1:${port}/`, ['room.closed']);
    const receiver = spawn(process.execPath, ['scripts/examples/room-closed-receiver.js'], {
      env: { WEBHOOK_SECRET: hook.secret, PORT: String(port), PATH: process.env.PATH },
    });
    let printed = '';
    receiver.stdout.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    receivers.push({
      close: () => {
        receiver.kill();
        return Promise.resolve();
      },
    });
    await until(() => printed.includes('receiver on port'), 'the receiver listening');
    const forged = await fetch(`http://127.0.0.1:${port}/`, {
      method: 'POST',
      headers: {
        'webhook-id': 'msg_x',
        'webhook-timestamp': String(Math.floor(Date.now() / 1000)),
        'webhook-signature': 'v1,AAAA',
      },
      body: '{"type":"room.closed","data":{"rid":"forged"}}',
    });
    expect(forged.status).toBe(401);

    const { visitor, room } = await seedRoom(db, (v) => rocketChatRoom(v));
    const close = await postJson(service, '/api/v1/livechat/room.close', {
      rid: room._id,
      token: visitor.token,
    });
    expect(close.status).toBe(200);
    await until(() => printed.includes(`room ${room._id} closed`), 'the printed link', 60_000);
    expect(printed).toMatch(
      new RegExp(
        `room ${room._id} closed: "How did Agent Smith do\\? https://survey\\.example\\.com/survey/[\\w-]{32}"`,
      ),
    );
    expect(printed).not.toContain('forged');
    expect(await service.stop()).toBe(0);
  }, 120_000);
});

/** When the watcher read the rooms collection (through the background work's own connection). */
function watcherReads(t: TestApp): number[] {
  const at: number[] = [];
  const client = t.app.get<Connection>(getConnectionToken(BACKGROUND_CONNECTION)).getClient();
  client.on('commandStarted', ({ command }) => {
    if (command.find === 'rocketchat_room' && command.comment === BACKGROUND.comment)
      at.push(Date.now());
  });
  return at;
}

describe('the room.closed watcher when idle (in-process)', () => {
  let t: TestApp;
  let reads: number[] = [];
  beforeAll(async () => {
    t = await createTestApp({
      API_KEYS: key.entry,
      WEBHOOKS_ALLOW_PRIVATE: 'true',
      WEBHOOKS_POLL_INTERVAL_MS: '100',
      ROOM_CLOSED_POLL_MAX_MS: '800',
    });
    reads = watcherReads(t);
  });
  afterAll(() => t.close());

  const register = (events: string[]) =>
    t
      .http()
      .post(HOOKS)
      .set('X-Api-Key', key.key)
      .send({ url: 'http://127.0.0.1:9/', events })
      .expect(200);
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('reads no room while no hook wants room.closed, and slows down while none closes', async () => {
    await register(['survey.submitted']);
    const before = reads.length;
    await pause(2000);
    expect(reads.length - before).toBe(0);

    await register(['room.closed']);
    await until(() => reads.length > before, 'a first poll');
    const start = reads.length;
    await pause(4000);
    // Every 100 ms would be 40 polls; idle, ROOM_CLOSED_POLL_MAX_MS (800 ms) apart: about 5.
    expect(reads.length - start).toBeGreaterThan(0);
    expect(reads.length - start).toBeLessThanOrEqual(10);
  }, 30_000);
});

describe('the room.closed watcher of a fresh process (in-process)', () => {
  let t: TestApp;
  let at: number[] = [];
  beforeAll(async () => {
    t = await createTestApp({
      API_KEYS: key.entry,
      WEBHOOKS_ALLOW_PRIVATE: 'true',
      WEBHOOKS_POLL_INTERVAL_MS: '100',
      ROOM_CLOSED_POLL_MAX_MS: '3000',
    });
    at = watcherReads(t);
  });
  afterAll(() => t.close());

  it('starts idle: with nothing closing, its polls come ROOM_CLOSED_POLL_MAX_MS apart from the start', async () => {
    await t
      .http()
      .post(HOOKS)
      .set('X-Api-Key', key.key)
      .send({ url: 'http://127.0.0.1:9/', events: ['room.closed'] })
      .expect(200);
    await new Promise((resolve) => setTimeout(resolve, 7000));
    // Doubling from 100 ms (the old start) would poll at 0.2, 0.4, 0.8, 1.6 s… apart.
    expect(at.length).toBeGreaterThanOrEqual(2);
    const gaps = at.slice(1).map((time, i) => time - at[i]);
    for (const gap of gaps) expect(gap).toBeGreaterThan(2500);
  }, 30_000);
});

describe('a hook that wants only room.closed (in-process)', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Polls 20 s apart at the briskest: within a test, only room.close itself can send.
    t = await createTestApp({
      API_KEYS: key.entry,
      WEBHOOKS_ALLOW_PRIVATE: 'true',
      WEBHOOKS_POLL_INTERVAL_MS: '10000',
    });
  });
  afterAll(() => t.close());
  /** A hook that wants room.closed only, at an address nothing listens on (deliveries stay pending). */
  const registerRoomClosedHook = () =>
    t
      .http()
      .post(HOOKS)
      .set('X-Api-Key', key.key)
      .send({ url: 'http://127.0.0.1:9/', events: ['room.closed'] })
      .expect(200);

  it("sends a room closed by this instance's room.close at once, by its id, without scanning the rooms", async () => {
    await registerRoomClosedHook();
    const visitor = rocketChatVisitor();
    const room = rocketChatRoom(visitor);
    await t.visitors.insertOne(visitor);
    await t.rooms.insertOne(room);
    const deliveries = t.db.collection('livechat_survey_deliveries');
    // Every command, the watcher's background ones included.
    const commands: Array<{ command: Record<string, unknown> }> = [];
    const client = t.app.get<Connection>(getConnectionToken()).getClient();
    const listen = (event: { command: Record<string, unknown> }) => commands.push(event);
    client.on('commandStarted', listen);
    await (async () => {
      await t
        .http()
        .post('/api/v1/livechat/room.close')
        .send({ rid: room._id, token: visitor.token })
        .expect(200);
      await until(
        async () => (await deliveries.countDocuments({ type: 'room.closed' })) === 1,
        'the delivery',
        5000,
      );
    })().finally(() => client.off('commandStarted', listen));
    const scans = commands.filter(
      ({ command }) =>
        command.find === 'rocketchat_room' && 'closedAt' in (command.filter as object),
    );
    expect(scans).toEqual([]);
    expect(await deliveries.findOne({ type: 'room.closed' })).toMatchObject({
      _id: expect.stringMatching(new RegExp(`^${room._id}_\\w+_closed$`)),
    });
  });

  it('writes no survey outbox event for a hook that wants only room.closed', async () => {
    await registerRoomClosedHook();
    const visitor = rocketChatVisitor();
    const room = closedRocketChatRoom(visitor);
    await t.visitors.insertOne(visitor);
    await t.rooms.insertOne(room);
    const commands = await t.countCommands(() =>
      t
        .http()
        .post('/api/v1/livechat/room.survey')
        .send({ rid: room._id, token: visitor.token, data: [{ name: 'satisfaction', value: '5' }] })
        .expect(200),
    );
    expect(commands).toEqual(['find', 'update']);
    expect(await t.db.collection('livechat_survey_events').countDocuments()).toBe(0);
  });
});
