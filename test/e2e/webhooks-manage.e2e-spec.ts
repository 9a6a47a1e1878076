import { Webhook } from 'standardwebhooks';
import { Clock } from '../../src/common/clock';
import { FORBIDDEN_BODY } from '../../src/reports/reports.openapi';
import { DeliveryRepository } from '../../src/webhooks/delivery.repository';
import { createTestApp, type TestApp } from '../support/app';
import { rocketChatRoom, rocketChatVisitor } from '../support/factories';
import { rocketChatUser } from '../support/managers';
import { downPort, startReceiver, until } from '../support/webhook-receiver';

const HOOKS = '/api/v1/livechat/survey.webhooks';
const manager = rocketChatUser(['user', 'livechat-manager']);
const agent = rocketChatUser(['user', 'livechat-agent']);
const invalidBody = (error: string) => ({
  success: false,
  error: `${error} [invalid-params]`,
  errorType: 'invalid-params',
});

describe('changing, pinging, rotating and retrying webhooks (a long retry schedule)', () => {
  let t: TestApp;
  const receivers: { close: () => Promise<void> }[] = [];

  beforeAll(async () => {
    t = await createTestApp({
      WEBHOOKS_ALLOW_PRIVATE: 'true',
      // A failed attempt stays pending for an hour (twice): only a retry-now sends it sooner.
      WEBHOOKS_RETRY_SCHEDULE: '1h,1h',
      WEBHOOKS_POLL_INTERVAL_MS: '100',
      WEBHOOKS_TIMEOUT_MS: '2000',
    });
    await t.db.collection('users').insertMany([manager.user, agent.user] as never[]);
  });
  afterAll(() => t.close());
  afterEach(async () => {
    jest.restoreAllMocks();
    await t.db.collection('livechat_survey_webhooks').deleteMany({});
    await t.db.collection('livechat_survey_deliveries').deleteMany({});
    await Promise.all(receivers.splice(0).map((receiver) => receiver.close()));
  });

  const receiver = async (...args: Parameters<typeof startReceiver>) => {
    const started = await startReceiver(...args);
    receivers.push(started);
    return started;
  };
  const call = (method: 'get' | 'post' | 'patch', path: string, body?: object) => {
    const req = t.http()[method](`${HOOKS}${path}`).set(manager.headers);
    return body ? req.send(body) : req;
  };
  const register = async (body: object) => {
    const res = await call('post', '', body);
    expect(res.status).toBe(200);
    return res.body.webhook as { _id: string; secret: string; createdAt: string };
  };
  const stored = (id: string) =>
    t.db
      .collection<{ _id: string; secret?: string }>('livechat_survey_webhooks')
      .findOne({ _id: id });
  const deliveries = async (hookId: string, query = '') =>
    (await call('get', `/${hookId}/deliveries${query}`).expect(200)).body.deliveries as Record<
      string,
      unknown
    >[];
  const answeredSurvey = async () => {
    const visitor = rocketChatVisitor();
    const room = rocketChatRoom(visitor);
    await t.visitors.insertOne(visitor);
    await t.rooms.insertOne(room);
    await t
      .http()
      .post('/api/v1/livechat/room.survey')
      .send({ rid: room._id, token: visitor.token, data: [{ name: 'satisfaction', value: '1' }] })
      .expect(200);
    return room;
  };

  it('PATCH changes url, events, description and active; id, secret and deliveries stay', async () => {
    const before = await receiver();
    const after = await receiver();
    const hook = await register({ url: before.url, description: 'CRM' });
    await answeredSurvey();
    await until(() => before.received.length === 1, 'the first delivery');
    await until(async () => (await deliveries(hook._id))[0]?.status === 'delivered', 'delivered');
    const res = await call('patch', `/${hook._id}`, {
      url: after.url,
      events: ['survey.submitted', 'survey.low_score'],
      description: 'CRM, call back',
    });
    expect([res.status, res.body]).toEqual([
      200,
      {
        webhook: {
          _id: hook._id,
          url: after.url,
          events: ['survey.submitted', 'survey.low_score'],
          lowScoreThreshold: '2',
          active: true,
          description: 'CRM, call back',
          previousSecretUntil: null,
          createdAt: hook.createdAt,
        },
        success: true,
      },
    ]);
    expect(res.text).not.toContain(hook.secret);
    expect((await stored(hook._id))!.secret).toBe(hook.secret);
    expect(await deliveries(hook._id)).toHaveLength(1);
    await answeredSurvey();
    await until(() => after.received.length === 2, 'submitted and low_score to the new url');
    for (const { body, headers } of after.received) new Webhook(hook.secret).verify(body, headers);
    expect(before.received).toHaveLength(1);
  });

  it('refuses bad changes with a clear 400 and changes nothing; 404 for an unknown hook', async () => {
    const hook = await register({ url: 'http://127.0.0.1:9/hook' });
    const original = await stored(hook._id);
    const cases: [object, string][] = [
      [{}, 'nothing to change: send url, events, lowScoreThreshold, description or active'],
      [{ url: 'ftp://127.0.0.1/x' }, 'url must be an http(s) URL'],
      [
        { url: 'http://169.254.169.254/latest/' },
        'url refused: 169.254.169.254 is a cloud metadata address',
      ],
      [
        { events: [] },
        'events must be a list of survey.submitted, survey.low_score, room.closed, survey.followed_up',
      ],
      [{ lowScoreThreshold: '9' }, 'lowScoreThreshold must be one of 1, 2, 3, 4, 5'],
      [{ active: 'no' }, 'active must be true or false'],
      [{ description: 'x'.repeat(501) }, 'description must be a text of at most 500 characters'],
      [{ secret: 'whsec_AAAA' }, 'property secret should not exist'],
    ];
    for (const [body, error] of cases) {
      const res = await call('patch', `/${hook._id}`, body);
      expect([res.status, res.body]).toEqual([400, invalidBody(error)]);
    }
    expect(await stored(hook._id)).toEqual(original);
    const missing = await call('patch', '/nope', { active: false });
    expect([missing.status, missing.body]).toEqual([
      404,
      {
        success: false,
        error: 'Webhook not found [error-not-found]',
        errorType: 'error-not-found',
      },
    ]);
  });

  it('a paused hook keeps its deliveries pending and sends each once when resumed', async () => {
    const r = await receiver();
    const hook = await register({ url: r.url });
    const paused = await call('patch', `/${hook._id}`, { active: false });
    expect(paused.body.webhook.active).toBe(false);
    await answeredSurvey();
    await answeredSurvey();
    const polls = jest.spyOn(t.app.get(DeliveryRepository, { strict: false }), 'due');
    await until(async () => (await deliveries(hook._id)).length === 2, 'two deliveries made');
    const seen = polls.mock.calls.length;
    await until(() => polls.mock.calls.length >= seen + 3, 'three more polls, both due');
    expect(r.received).toHaveLength(0);
    expect((await deliveries(hook._id)).map((d) => [d.status, d.attempts])).toEqual([
      ['pending', 0],
      ['pending', 0],
    ]);
    await call('patch', `/${hook._id}`, { active: true }).expect(200);
    await until(async () => (await deliveries(hook._id, '?status=delivered')).length === 2, 'sent');
    expect(r.received).toHaveLength(2);
    expect(new Set(r.received.map(({ headers }) => headers['webhook-id'])).size).toBe(2);
  });

  it('ping: one signed ping now, its outcome in the answer and in the deliveries', async () => {
    const r = await receiver([202], { body: `${'é'.repeat(150)}tail` });
    const hook = await register({ url: r.url });
    await call('patch', `/${hook._id}`, { active: false }).expect(200);
    const res = await call('post', `/${hook._id}/ping`);
    expect(res.status).toBe(200);
    expect(r.received).toHaveLength(1);
    const [{ headers, body }] = r.received;
    expect(new Webhook(hook.secret).verify(body, headers)).toEqual({
      type: 'ping',
      timestamp: expect.any(String),
      data: { webhookId: hook._id },
    });
    const outcome = {
      at: expect.any(String),
      status: 202,
      error: null,
      durationMs: expect.any(Number),
      // 200 bytes: 100 two-byte characters, never the tail.
      response: 'é'.repeat(100),
    };
    expect(res.body).toEqual({
      outcome,
      delivery: {
        _id: expect.stringMatching(/^ping_/),
        eventId: headers['webhook-id'],
        type: 'ping',
        status: 'delivered',
        attempts: 1,
        lastStatus: 202,
        lastError: null,
        nextAttemptAt: null,
        createdAt: expect.any(String),
        deliveredAt: expect.any(String),
        history: [outcome],
      },
      success: true,
    });
    expect(await deliveries(hook._id)).toEqual([res.body.delivery]);
  });

  it('ping of a receiver that is down: the error class, failed, never retried', async () => {
    const hook = await register({ url: `http://127.0.0.1:${await downPort()}/hook` });
    const res = await call('post', `/${hook._id}/ping`).expect(200);
    expect(res.body.outcome).toEqual({
      at: expect.any(String),
      status: null,
      error: 'refused',
      durationMs: expect.any(Number),
      response: null,
    });
    expect(res.body.delivery).toEqual(
      expect.objectContaining({
        status: 'failed',
        nextAttemptAt: null,
        lastError: expect.stringContaining('ECONNREFUSED'),
      }),
    );
    expect(await deliveries(hook._id, '?status=failed')).toHaveLength(1);
    expect(await deliveries(hook._id, '?status=pending')).toHaveLength(0);
    const bad = await call('get', `/${hook._id}/deliveries?status=lost`);
    expect([bad.status, bad.body]).toEqual([
      400,
      invalidBody('status must be one of pending, delivered, failed'),
    ]);
  });

  it('rotate: both secrets verify during the overlap (standardwebhooks), only the new after it', async () => {
    const r = await receiver();
    const hook = await register({ url: r.url });
    const res = await call('post', `/${hook._id}/rotate`, { overlapHours: 2 });
    expect(res.status).toBe(200);
    const { secret } = res.body.webhook;
    expect(res.body).toEqual({
      webhook: {
        _id: hook._id,
        secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]+=*$/),
        previousSecretUntil: expect.any(String),
      },
      success: true,
    });
    expect(secret).not.toBe(hook.secret);
    const until2h = Date.parse(res.body.webhook.previousSecretUntil) - Date.now();
    expect(until2h).toBeGreaterThan(7_190_000);
    expect(until2h).toBeLessThanOrEqual(7_200_000);
    const listed = await call('get', '');
    expect(listed.body.webhooks[0].previousSecretUntil).toBe(res.body.webhook.previousSecretUntil);
    expect(listed.text).not.toContain(secret);

    await call('post', `/${hook._id}/ping`).expect(200);
    const during = r.received[0];
    expect(during.headers['webhook-signature']).toMatch(/^v1,\S+ v1,\S+$/);
    new Webhook(secret).verify(during.body, during.headers);
    new Webhook(hook.secret).verify(during.body, during.headers);

    // Two hours and a second later.
    const later = Date.now() + 7_201_000;
    // Every Clock of the app (the routes' and the dispatcher's) reads the moved time.
    jest.spyOn(Clock.prototype, 'now').mockImplementation(() => new Date(later));
    await call('post', `/${hook._id}/ping`).expect(200);
    const after = r.received[1];
    expect(after.headers['webhook-signature']).toMatch(/^v1,\S+$/);
    new Webhook(secret).verify(after.body, after.headers);
    expect(() => new Webhook(hook.secret).verify(after.body, after.headers)).toThrow();
    expect((await call('get', '')).body.webhooks[0].previousSecretUntil).toBeNull();
  });

  it('rotate refuses a bad overlap, changing nothing; 0 ends the old secret at once', async () => {
    const r = await receiver();
    const hook = await register({ url: r.url });
    const original = await stored(hook._id);
    for (const overlapHours of [-1, 169, '5', true]) {
      const res = await call('post', `/${hook._id}/rotate`, { overlapHours });
      expect([res.status, res.body]).toEqual([
        400,
        invalidBody('overlapHours must be a number from 0 to 168'),
      ]);
    }
    expect(await stored(hook._id)).toEqual(original);
    const { secret } = (await call('post', `/${hook._id}/rotate`, { overlapHours: 0 }).expect(200))
      .body.webhook;
    await call('post', `/${hook._id}/ping`).expect(200);
    expect(() =>
      new Webhook(hook.secret).verify(r.received[0].body, r.received[0].headers),
    ).toThrow();
    new Webhook(secret).verify(r.received[0].body, r.received[0].headers);
    expect((await call('post', '/nope/rotate', {})).status).toBe(404);
  });

  it('retry now sends a pending delivery (its first attempt refused) without waiting its hour', async () => {
    const port = await downPort();
    const hook = await register({ url: `http://127.0.0.1:${port}/hook` });
    await answeredSurvey();
    await until(async () => (await deliveries(hook._id))[0]?.attempts === 1, 'the first attempt');
    const [pending] = await deliveries(hook._id);
    expect(pending).toEqual(expect.objectContaining({ status: 'pending', lastStatus: null }));
    const r = await receiver([200], { port, body: 'thanks' });
    const res = await call('post', `/${hook._id}/deliveries/${pending._id as string}/retry`);
    expect(res.status).toBe(200);
    expect(res.body.delivery).toEqual(
      expect.objectContaining({ status: 'delivered', attempts: 2, lastStatus: 200 }),
    );
    expect(res.body.delivery.history).toEqual([
      expect.objectContaining({ status: null, error: 'refused', response: null }),
      expect.objectContaining({ status: 200, error: null, response: 'thanks' }),
    ]);
    expect(r.received.map(({ headers }) => headers['webhook-id'])).toEqual([pending.eventId]);
    const again = await call('post', `/${hook._id}/deliveries/${pending._id as string}/retry`);
    expect([again.status, again.body]).toEqual([
      400,
      invalidBody('only a pending or failed delivery can be retried'),
    ]);
  });

  it('retry now of a pending delivery that fails again: still pending, on the next wait of its schedule', async () => {
    const port = await downPort();
    const hook = await register({ url: `http://127.0.0.1:${port}/hook` });
    await answeredSurvey();
    await until(async () => (await deliveries(hook._id))[0]?.attempts === 1, 'the first attempt');
    const [pending] = await deliveries(hook._id);
    const res = await call('post', `/${hook._id}/deliveries/${pending._id as string}/retry`);
    expect(res.status).toBe(200);
    expect(res.body.delivery).toEqual(
      expect.objectContaining({ status: 'pending', attempts: 2, lastStatus: null }),
    );
    expect(res.body.delivery.history).toEqual([
      expect.objectContaining({ error: 'refused' }),
      expect.objectContaining({ error: 'refused' }),
    ]);
    // The schedule's second wait, 1 h ± 20 %, from this attempt.
    const wait = Date.parse(res.body.delivery.nextAttemptAt) - Date.now();
    expect(wait).toBeGreaterThan(0.8 * 3_600_000 - 60_000);
    expect(wait).toBeLessThanOrEqual(1.2 * 3_600_000);
  });

  it("bulk retry queues the hook's failed deliveries, answers their count, sends each once", async () => {
    const port = await downPort();
    const hook = await register({ url: `http://127.0.0.1:${port}/hook` });
    const other = await register({ url: `http://127.0.0.1:${port}/other` });
    for (const id of [hook._id, hook._id, other._id]) {
      await call('post', `/${id}/ping`).expect(200);
    }
    for (const body of [{}, { status: 'pending' }]) {
      const bad = await call('post', `/${hook._id}/deliveries/retry`, body);
      expect([bad.status, bad.body]).toEqual([400, invalidBody('status must be failed')]);
    }
    expect(await deliveries(hook._id, '?status=failed')).toHaveLength(2);
    const r = await receiver([200], { port });
    const res = await call('post', `/${hook._id}/deliveries/retry`, { status: 'failed' });
    expect([res.status, res.body]).toEqual([200, { count: 2, success: true }]);
    await until(async () => (await deliveries(hook._id, '?status=delivered')).length === 2, 'sent');
    expect(r.received).toHaveLength(2);
    expect(await deliveries(other._id, '?status=failed')).toHaveLength(1);
    expect(
      (await call('post', `/${hook._id}/deliveries/retry`, { status: 'failed' })).body,
    ).toEqual({
      count: 0,
      success: true,
    });
  });

  it('every new route: 401 without credentials, 403 for a non-manager, 404 for an unknown hook', async () => {
    const routes: ['patch' | 'post', string, object][] = [
      ['patch', '/nope', { active: false }],
      ['post', '/nope/ping', {}],
      ['post', '/nope/rotate', {}],
      ['post', '/nope/deliveries/retry', { status: 'failed' }],
    ];
    for (const [method, path, body] of routes) {
      const none = await t.http()[method](`${HOOKS}${path}`).send(body);
      expect(none.status).toBe(401);
      const forbidden = await t.http()[method](`${HOOKS}${path}`).set(agent.headers).send(body);
      expect([forbidden.status, forbidden.body]).toEqual([403, FORBIDDEN_BODY]);
      const missing = await call(method, path, body);
      expect([missing.status, missing.body.errorType]).toEqual([404, 'error-not-found']);
    }
  });
});
