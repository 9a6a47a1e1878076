import { getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { BACKGROUND_CONNECTION } from '../../src/database/background-connection';
import { DeliveryRepository } from '../../src/webhooks/delivery.repository';
import { createTestApp, type TestApp } from '../support/app';
import { rocketChatRoom, rocketChatVisitor } from '../support/factories';
import { scopedApiKey } from '../support/managers';
import { startReceiver, until } from '../support/webhook-receiver';

const HOOKS = '/api/v1/livechat/survey.webhooks';
/** The dispatcher's idle wait, at most, in this file (WEBHOOKS_IDLE_POLL_MAX_MS). */
const IDLE_MAX_MS = 3000;

describe('the webhooks’ background work, idle and woken', () => {
  const key = scopedApiKey('webhooks:manage');
  let t: TestApp;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  /** When the dispatcher polled the due deliveries. */
  const polls: number[] = [];

  beforeAll(async () => {
    t = await createTestApp({
      API_KEYS: key.entry,
      WEBHOOKS_ALLOW_PRIVATE: 'true',
      WEBHOOKS_POLL_INTERVAL_MS: '100',
      WEBHOOKS_IDLE_POLL_MAX_MS: String(IDLE_MAX_MS),
    });
    receiver = await startReceiver();
    const deliveries = t.app.get(DeliveryRepository, { strict: false });
    const due = deliveries.due.bind(deliveries);
    jest.spyOn(deliveries, 'due').mockImplementation((...args) => {
      polls.push(Date.now());
      return due(...args);
    });
    await t.http().post(HOOKS).set('X-Api-Key', key.key).send({ url: receiver.url }).expect(200);
  });
  afterAll(async () => {
    await t.close();
    await receiver.close();
  });

  /** Until the dispatcher's wait has grown past a second: it found nothing for a while. */
  const idle = () =>
    until(() => polls.length >= 2 && polls.at(-1)! - polls.at(-2)! >= 1000, 'an idle dispatcher');

  const answeredRoom = async () => {
    const visitor = rocketChatVisitor();
    const room = rocketChatRoom(visitor);
    await t.visitors.insertOne(visitor);
    await t.rooms.insertOne(room);
    return { visitor, room };
  };
  const sentFor = (rid: string) =>
    receiver.received.filter(
      ({ body }) => (JSON.parse(body) as { data: { rid: string } }).data.rid === rid,
    );

  it('polls through its own connection: an idle instance sends nothing on the requests’ one', async () => {
    const requests = t.app.get<Connection>(getConnectionToken()).getClient();
    const background = t.app.get<Connection>(getConnectionToken(BACKGROUND_CONNECTION));
    const seen = { requests: 0, background: 0 };
    const onRequests = () => seen.requests++;
    const onBackground = () => seen.background++;
    requests.on('commandStarted', onRequests);
    background.getClient().on('commandStarted', onBackground);
    try {
      // The registry's count and the dispatcher's polls: several of them.
      await until(() => seen.background >= 6, 'six background commands');
      expect(seen.requests).toBe(0);
    } finally {
      requests.off('commandStarted', onRequests);
      background.getClient().off('commandStarted', onBackground);
    }
  }, 20_000);

  it('sends a survey answered here at once, however long the dispatcher has been idle', async () => {
    await idle();
    const { visitor, room } = await answeredRoom();
    const submitted = Date.now();
    await t
      .http()
      .post('/api/v1/livechat/room.survey')
      .send({ rid: room._id, token: visitor.token, data: [{ name: 'satisfaction', value: '5' }] })
      .expect(200);
    await until(() => sentFor(room._id).length === 1, 'the delivery');
    // Woken by the capture, not by the next idle poll (up to IDLE_MAX_MS away).
    expect(sentFor(room._id)[0].at - submitted).toBeLessThan(IDLE_MAX_MS / 2);
  }, 30_000);

  it('takes over an event another instance left within WEBHOOKS_IDLE_POLL_MAX_MS', async () => {
    await idle();
    const { room } = await answeredRoom();
    // What an instance killed between its 200 and its fan-out leaves: a stored event.
    const left = Date.now();
    await t.db.collection('livechat_survey_events').insertOne({
      _id: `left-${room._id}` as never,
      rid: room._id,
      submittedAt: new Date(left),
      items: { satisfaction: '3' },
      comment: null,
      stored: true,
      source: 'widget',
    });
    await until(() => sentFor(room._id).length === 1, 'the delivery', 2 * IDLE_MAX_MS);
    // The next poll at most IDLE_MAX_MS away; the fan-out and the send on top.
    expect(sentFor(room._id)[0].at - left).toBeLessThan(IDLE_MAX_MS + 1500);
    expect(JSON.parse(sentFor(room._id)[0].body)).toMatchObject({
      type: 'survey.submitted',
      data: { rid: room._id, items: { satisfaction: '3' } },
    });
  }, 30_000);

  it('closes the background connection on shutdown, with the requests’ one', async () => {
    const own = await createTestApp({});
    const background = own.app.get<Connection>(getConnectionToken(BACKGROUND_CONNECTION));
    const requests = own.app.get<Connection>(getConnectionToken());
    expect([requests.readyState, background.readyState]).toEqual([1, 1]);
    await own.close();
    // 0: disconnected (mongoose's ConnectionStates).
    expect([requests.readyState, background.readyState]).toEqual([0, 0]);
  }, 30_000);
});
