import { Webhook } from 'standardwebhooks';
import { FollowupRepository } from '../../src/followups/followup.repository';
import type { FollowupDocument } from '../../src/followups/followup.schema';
import { createTestApp, type TestApp } from '../support/app';
import { closedRocketChatRoom, rocketChatVisitor, type Doc } from '../support/factories';
import { rocketChatUser, scopedApiKey } from '../support/managers';
import { startReceiver, until } from '../support/webhook-receiver';

const HOOKS = '/api/v1/livechat/survey.webhooks';

describe('survey.followed_up: one signed event per follow-up change', () => {
  let t: TestApp;
  const key = scopedApiKey('webhooks:manage');
  const manager = rocketChatUser(['livechat-manager']);
  const visitor = rocketChatVisitor();
  let room: Doc;

  beforeAll(async () => {
    t = await createTestApp({
      API_KEYS: key.entry,
      WEBHOOKS_ALLOW_PRIVATE: 'true',
      WEBHOOKS_POLL_INTERVAL_MS: '100',
    });
    room = closedRocketChatRoom(visitor, {
      surveyFeedback: { satisfaction: '1', additionalFeedback: 'never again' },
      surveyFeedbackAt: new Date('2026-11-01T10:15:00Z'),
    });
    await t.rooms.insertOne(room);
    await t.db.collection('users').insertOne(manager.user as never);
  });
  afterAll(() => t.close());

  const register = async (url: string, events: string[]) =>
    (await t.http().post(HOOKS).set('X-Api-Key', key.key).send({ url, events }).expect(200)).body
      .webhook as { _id: string; secret: string };
  const post = (body: object) =>
    t.http().post('/api/v1/livechat/survey.followup').set(manager.headers).send(body);

  it('sends the change to the hooks that subscribe to it, exactly, with no visitor data', async () => {
    const followers = await startReceiver();
    const others = await startReceiver();
    try {
      const hook = await register(followers.url, ['survey.followed_up']);
      const other = await register(others.url, ['survey.submitted', 'room.closed']);
      const first = await post({ rid: room._id, status: 'contacted', note: 'Left a message' });
      expect(first.status).toBe(200);
      // A request that changes nothing sends nothing: the next event is the next change's.
      await post({ rid: room._id, status: 'contacted' }).expect(200);
      const second = await post({ rid: room._id, status: 'resolved' }).expect(200);
      await until(() => followers.received.length >= 2, 'two survey.followed_up deliveries');
      const by = { _id: manager.user._id, username: manager.user.username };
      const sent = followers.received.map((request) => {
        const verified = new Webhook(hook.secret).verify(request.body, request.headers);
        expect(verified).toEqual(JSON.parse(request.body));
        return JSON.parse(request.body) as { data: { status: string } };
      });
      sent.sort((a, b) => (a.data.status < b.data.status ? -1 : 1));
      expect(sent).toEqual([
        {
          type: 'survey.followed_up',
          timestamp: first.body.followup.updatedAt,
          data: {
            rid: room._id,
            status: 'contacted',
            note: 'Left a message',
            previousStatus: 'open',
            by,
            at: first.body.followup.updatedAt,
          },
        },
        {
          type: 'survey.followed_up',
          timestamp: second.body.followup.updatedAt,
          data: {
            rid: room._id,
            status: 'resolved',
            note: 'Left a message',
            previousStatus: 'contacted',
            by,
            at: second.body.followup.updatedAt,
          },
        },
      ]);
      for (const request of followers.received) {
        expect(request.body).not.toContain(visitor.token);
        expect(request.body).not.toContain('never again');
      }
      const { body } = await t
        .http()
        .get(`${HOOKS}/${other._id}/deliveries`)
        .set('X-Api-Key', key.key)
        .expect(200);
      expect(body.deliveries).toEqual([]);
      expect(followers.received).toHaveLength(2);
    } finally {
      await Promise.all([followers.close(), others.close()]);
    }
  });

  it('sends an event left unmarked only when its change reached the follow-up', async () => {
    const receiver = await startReceiver();
    try {
      const hook = await register(receiver.url, ['survey.followed_up']);
      const before = new Date(Date.now() - 3_600_000);
      // As if registered before the changes below (a hook hears of changes after it).
      await t.db
        .collection('livechat_survey_webhooks')
        .updateOne({ _id: hook._id } as never, { $set: { createdAt: new Date(0) } });
      const data = (note: string) => ({
        rid: room._id,
        status: 'contacted',
        previousStatus: 'open',
        note,
        by: { _id: 'u1', username: 'one' },
        at: before.toISOString(),
      });
      // Both written before their change, neither marked: a crash right after the write.
      const event = (id: string, note: string) => ({
        _id: id,
        rid: room._id,
        submittedAt: before,
        items: {},
        comment: null,
        stored: false,
        followup: data(note),
      });
      await t.db.collection('livechat_survey_followups').deleteMany({});
      await t.db.collection('livechat_survey_followups').insertOne({
        _id: room._id,
        history: [{ status: 'contacted', at: before, by: data('').by, eventId: 'eventStored0001' }],
      } as never);
      await t.db
        .collection('livechat_survey_events')
        .insertMany([
          event('eventStored0001', 'written'),
          event('eventLost000001', 'lost'),
        ] as never);
      await until(
        async () => (await t.db.collection('livechat_survey_events').countDocuments()) === 0,
        'both events decided',
      );
      await until(() => receiver.received.length >= 1, 'the stored change delivered');
      expect(receiver.received.map((r) => JSON.parse(r.body).data.note)).toEqual(['written']);
    } finally {
      await receiver.close();
      await t.db.collection('livechat_survey_followups').deleteMany({});
    }
  });

  it('lets one of concurrent first inserts win across instances (unique room id)', async () => {
    // What two instances racing to insert the first follow-up of a room do: one document.
    const repository = t.app.get(FollowupRepository);
    const rid = 'raceRoom000000001';
    const doc = (note: string): FollowupDocument => ({
      _id: rid,
      status: 'contacted',
      note,
      answeredAt: new Date('2026-11-01T10:15:00Z'),
      satisfaction: '1',
      updatedBy: { _id: 'u1', username: 'one' },
      updatedAt: new Date(),
      firstResolvedAt: null,
      history: [],
    });
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => repository.write(doc(`n${i}`), false)),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    const stored = await t.db
      .collection('livechat_survey_followups')
      .find({ _id: rid } as never)
      .toArray();
    expect(stored).toHaveLength(1);
    expect(stored[0].note).toBe(`n${results.indexOf(true)}`);
  });
});
