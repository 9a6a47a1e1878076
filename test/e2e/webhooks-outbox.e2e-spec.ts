import { MongoClient, type Db } from 'mongodb';
import { createTestApp, type TestApp } from '../support/app';
import { startDatabaseProxy } from '../support/database-proxy';
import { rocketChatRoom, rocketChatVisitor, type Doc } from '../support/factories';
import { scopedApiKey } from '../support/managers';
import { startReceiver, until } from '../support/webhook-receiver';

const HOOKS = '/api/v1/livechat/survey.webhooks';
const UNAVAILABLE =
  '{"success":false,"error":"[service-unavailable]","errorType":"service-unavailable"}';
/** As the test app's settings make it: 2 × (500 + 3 × 1500) ms (webhook-dispatcher.service.ts). */
const UNDECIDED_MS = 10_000;

describe('an answered survey and its webhook event, the database cut between the writes', () => {
  const key = scopedApiKey('webhooks:manage');
  const dbName = `outbox_${process.pid}_${Date.now().toString(36)}`;
  let proxy: Awaited<ReturnType<typeof startDatabaseProxy>>;
  let t: TestApp;
  let client: MongoClient;
  /** The database itself, not through the proxy. */
  let db: Db;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    const server = new URL(process.env.TEST_MONGODB_URL!);
    proxy = await startDatabaseProxy({ host: server.hostname, port: Number(server.port) });
    t = await createTestApp({
      MONGODB_URI: proxy.uri(dbName),
      API_KEYS: key.entry,
      WEBHOOKS_ALLOW_PRIVATE: 'true',
      WEBHOOKS_POLL_INTERVAL_MS: '100',
      DB_SERVER_SELECTION_TIMEOUT_MS: '500',
      DB_OPERATION_TIMEOUT_MS: '1500',
    });
    client = await new MongoClient(process.env.TEST_MONGODB_URL!).connect();
    db = client.db(dbName);
    receiver = await startReceiver();
    await t.http().post(HOOKS).set('X-Api-Key', key.key).send({ url: receiver.url }).expect(200);
  });
  afterAll(async () => {
    proxy.restore();
    await t.close();
    await client.close();
    await receiver.close();
    await proxy.close();
  });

  const answeredRoom = async () => {
    const visitor = rocketChatVisitor();
    const room = rocketChatRoom(visitor);
    await db.collection<Doc>('rocketchat_livechat_visitor').insertOne(visitor);
    await db.collection<Doc>('rocketchat_room').insertOne(room);
    const submit = (value: string) =>
      t
        .http()
        .post('/api/v1/livechat/room.survey')
        .send({ rid: room._id, token: visitor.token, data: [{ name: 'satisfaction', value }] });
    return { room, submit };
  };
  /** A survey submitted while the proxy holds back the first command `match` accepts. */
  const submitCut = async (
    value: string,
    match: (command: string, collection: unknown) => boolean,
  ) => {
    const { room, submit } = await answeredRoom();
    const cut = proxy.cutBefore(match);
    const res = await submit(value);
    await cut;
    proxy.restore();
    return { room, res };
  };
  const storedRoom = (rid: string) => db.collection<Doc>('rocketchat_room').findOne({ _id: rid });
  const events = (rid: string) => db.collection('livechat_survey_events').find({ rid }).toArray();
  const sentFor = (rid: string) =>
    receiver.received.filter(({ body }) => JSON.parse(body).data.rid === rid);
  /** A survey that gets through once the service has its database back, and is delivered. */
  const deliveredAfterRecovery = async () => {
    const { room, submit } = await answeredRoom();
    await until(async () => (await submit('4')).status === 200, 'a 200 after the cut', 10_000);
    await until(() => sentFor(room._id).length === 1, 'the later survey delivered');
  };

  it('cut before the event: 503, neither answers nor event stored, nothing sent', async () => {
    const { room, res } = await submitCut(
      '5',
      (command, collection) => command === 'insert' && collection === 'livechat_survey_events',
    );
    expect([res.status, res.text]).toEqual([503, UNAVAILABLE]);
    expect(await storedRoom(room._id)).toEqual(room);
    expect(await events(room._id)).toEqual([]);
    await deliveredAfterRecovery();
    expect(sentFor(room._id)).toEqual([]);
  }, 60_000);

  it('cut between the event and the answers: 503, the event is never sent, and dropped once undecided too long', async () => {
    const { room, res } = await submitCut(
      '1',
      (command, collection) => command === 'update' && collection === 'rocketchat_room',
    );
    expect([res.status, res.text]).toEqual([503, UNAVAILABLE]);
    expect(await storedRoom(room._id)).toEqual(room);
    expect(await events(room._id)).toEqual([
      expect.objectContaining({ rid: room._id, items: { satisfaction: '1' }, stored: false }),
    ]);
    await deliveredAfterRecovery();
    await until(async () => (await events(room._id)).length === 0, 'the event dropped', 30_000);
    expect(sentFor(room._id)).toEqual([]);
    const deliveries = await db.collection('livechat_survey_deliveries').find().toArray();
    expect(deliveries.filter((d) => (d.body as string).includes(room._id))).toEqual([]);
  }, 60_000);

  it('cut between the answers and their mark: 200, and the answers are sent, found on the room', async () => {
    const { room, res } = await submitCut(
      '2',
      (command, collection) => command === 'update' && collection === 'livechat_survey_events',
    );
    expect([res.status, res.text]).toEqual([
      200,
      `{"rid":"${room._id}","data":{"satisfaction":"2"},"success":true}`,
    ]);
    const stored = await storedRoom(room._id);
    expect(stored!.surveyFeedback).toEqual({ satisfaction: '2' });
    const [event] = await events(room._id);
    expect(event).toEqual(expect.objectContaining({ stored: false }));
    // Sent once the room can decide (its answers might still have been on their way before).
    await until(() => sentFor(room._id).length === 1, 'the delivery', UNDECIDED_MS + 20_000);
    expect(JSON.parse(sentFor(room._id)[0].body)).toEqual(
      expect.objectContaining({
        type: 'survey.submitted',
        data: expect.objectContaining({
          rid: room._id,
          submittedAt: (stored!.surveyFeedbackAt as Date).toISOString(),
          items: { satisfaction: '2' },
        }),
      }),
    );
    await until(async () => (await events(room._id)).length === 0, 'the event removed');
  }, 60_000);
});
