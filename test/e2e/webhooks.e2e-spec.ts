import { Webhook } from 'standardwebhooks';
import { createTestApp, type TestApp } from '../support/app';
import { rocketChatRoom, rocketChatVisitor } from '../support/factories';
import { WebhookRegistryService } from '../../src/webhooks/webhook-registry.service';
import { FORBIDDEN_BODY } from '../../src/reports/reports.openapi';
import { scopedApiKey, rocketChatUser } from '../support/managers';
import { downPort, startReceiver, until } from '../support/webhook-receiver';

const HOOKS = '/api/v1/livechat/survey.webhooks';
const key = scopedApiKey('webhooks:manage');

describe('survey webhooks (WEBHOOKS_ALLOW_PRIVATE=true, a short retry schedule)', () => {
  let t: TestApp;
  const receivers: { close: () => Promise<void> }[] = [];

  beforeAll(async () => {
    t = await createTestApp({
      API_KEYS: key.entry,
      REPORTS_RATE_LIMIT_MAX: '1000000',
      WEBHOOKS_ALLOW_PRIVATE: 'true',
      // Two different waits: attempt n must wait the n-th.
      WEBHOOKS_RETRY_SCHEDULE: '300ms,900ms',
      WEBHOOKS_POLL_INTERVAL_MS: '100',
      WEBHOOKS_TIMEOUT_MS: '2000',
    });
  });
  afterAll(() => t.close());
  afterEach(async () => {
    const { body } = await t.http().get(HOOKS).set('X-Api-Key', key.key);
    for (const hook of body.webhooks as { _id: string }[]) {
      await t.http().delete(`${HOOKS}/${hook._id}`).set('X-Api-Key', key.key).expect(200);
    }
    await Promise.all(receivers.splice(0).map((receiver) => receiver.close()));
  });

  const receiver = async (...args: Parameters<typeof startReceiver>) => {
    const started = await startReceiver(...args);
    receivers.push(started);
    return started;
  };
  const register = async (body: object) => {
    const res = await t.http().post(HOOKS).set('X-Api-Key', key.key).send(body);
    expect(res.status).toBe(200);
    return res.body.webhook as { _id: string; secret: string };
  };
  const deliveries = async (hookId: string) =>
    (await t.http().get(`${HOOKS}/${hookId}/deliveries`).set('X-Api-Key', key.key).expect(200)).body
      .deliveries as Record<string, unknown>[];
  /** A visitor's room answered with `data`; resolves with the room and visitor once it is 200. */
  const answeredSurvey = async (data: { name: string; value: string }[]) => {
    const visitor = rocketChatVisitor();
    const room = rocketChatRoom(visitor);
    await t.visitors.insertOne(visitor);
    await t.rooms.insertOne(room);
    await t
      .http()
      .post('/api/v1/livechat/room.survey')
      .send({ rid: room._id, token: visitor.token, data })
      .expect(200);
    return { room, visitor };
  };

  it('registers a hook: the secret once (whsec_ + base64 of 32 bytes), never listed; deletes it', async () => {
    const res = await t
      .http()
      .post(HOOKS)
      .set('X-Api-Key', key.key)
      .send({ url: 'http://127.0.0.1:9/hook' });
    expect(res.status).toBe(200);
    const { webhook } = res.body;
    expect(Object.keys(res.body)).toEqual(['webhook', 'success']);
    expect(webhook).toEqual({
      _id: expect.any(String),
      url: 'http://127.0.0.1:9/hook',
      events: ['survey.submitted'],
      lowScoreThreshold: '2',
      active: true,
      description: null,
      previousSecretUntil: null,
      createdAt: expect.any(String),
      secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]+=*$/),
    });
    expect(Buffer.from(webhook.secret.slice(6), 'base64')).toHaveLength(32);
    expect(Object.keys(webhook)).toEqual([
      '_id',
      'url',
      'events',
      'lowScoreThreshold',
      'active',
      'description',
      'previousSecretUntil',
      'secret',
      'createdAt',
    ]);
    const list = await t.http().get(HOOKS).set('X-Api-Key', key.key).expect(200);
    expect(list.body).toEqual({
      webhooks: [{ ...webhook, secret: undefined }].map(({ secret: _, ...rest }) => rest),
      success: true,
    });
    expect(list.text).not.toContain(webhook.secret);
    const gone = await t.http().delete(`${HOOKS}/${webhook._id}`).set('X-Api-Key', key.key);
    expect(gone.body).toEqual({ success: true });
    const again = await t.http().delete(`${HOOKS}/${webhook._id}`).set('X-Api-Key', key.key);
    expect(again.status).toBe(404);
    expect(again.body).toEqual({
      success: false,
      error: 'Webhook not found [error-not-found]',
      errorType: 'error-not-found',
    });
  });

  it('refuses bad bodies with invalid-params, storing nothing', async () => {
    const cases: [object, string][] = [
      [{}, 'url must be an http(s) URL [invalid-params]'],
      [{ url: 'ftp://127.0.0.1/x' }, 'url must be an http(s) URL [invalid-params]'],
      [{ url: 'not a url' }, 'url must be an http(s) URL [invalid-params]'],
      [
        { url: 'http://127.0.0.1/', events: ['survey.closed'] },
        'events must be a list of survey.submitted, survey.low_score, room.closed, survey.followed_up [invalid-params]',
      ],
      [
        { url: 'http://127.0.0.1/', lowScoreThreshold: '9' },
        'lowScoreThreshold must be one of 1, 2, 3, 4, 5 [invalid-params]',
      ],
      [{ url: 'http://127.0.0.1/', extra: 1 }, 'property extra should not exist [invalid-params]'],
    ];
    for (const [body, error] of cases) {
      const res = await t.http().post(HOOKS).set('X-Api-Key', key.key).send(body);
      expect([res.status, res.body]).toEqual([
        400,
        { success: false, error, errorType: 'invalid-params' },
      ]);
    }
    expect((await t.http().get(HOOKS).set('X-Api-Key', key.key)).body.webhooks).toEqual([]);
  });

  it('is for managers: 401 without credentials, 403 for a user without a manager role', async () => {
    expect((await t.http().get(HOOKS)).status).toBe(401);
    expect((await t.http().post(HOOKS).send({ url: 'http://127.0.0.1/' })).status).toBe(401);
    expect((await t.http().delete(`${HOOKS}/x`)).status).toBe(401);
    expect((await t.http().get(`${HOOKS}/x/deliveries`)).status).toBe(401);
    expect((await t.http().post(`${HOOKS}/x/deliveries/y/retry`)).status).toBe(401);
    expect((await t.http().patch(`${HOOKS}/x`).send({ active: false })).status).toBe(401);
    expect((await t.http().post(`${HOOKS}/x/ping`)).status).toBe(401);
    expect((await t.http().post(`${HOOKS}/x/rotate`)).status).toBe(401);
    expect((await t.http().post(`${HOOKS}/x/deliveries/retry`)).status).toBe(401);
  });

  it('signs each delivery as Standard Webhooks says (verified by the standardwebhooks package); no visitor data', async () => {
    const r = await receiver();
    const hook = await register({ url: r.url });
    const { room, visitor } = await answeredSurvey([
      { name: 'satisfaction', value: '5' },
      { name: 'additionalFeedback', value: 'Quick and kind' },
    ]);
    await until(() => r.received.length === 1, 'the delivery');
    const [{ headers, body }] = r.received;
    const payload = new Webhook(hook.secret).verify(body, headers);
    const stored = await t.rooms.findOne({ _id: room._id });
    expect(payload).toEqual({
      type: 'survey.submitted',
      timestamp: (stored!.surveyFeedbackAt as Date).toISOString(),
      data: {
        rid: room._id,
        submittedAt: (stored!.surveyFeedbackAt as Date).toISOString(),
        items: { satisfaction: '5' },
        comment: 'Quick and kind',
        agent: { _id: 'agentId0000000001', username: 'agent.smith' },
        departmentId: 'salesDeptId000001',
        source: 'widget',
      },
    });
    expect(headers['webhook-id']).toMatch(/^msg_/);
    expect(Math.abs(Number(headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(5);
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    // The check is real: another body, or another secret, does not verify.
    expect(() => new Webhook(hook.secret).verify(body.replace('5', '1'), headers)).toThrow();
    const other = await register({ url: 'http://127.0.0.1:9/' });
    expect(() => new Webhook(other.secret).verify(body, headers)).toThrow();
    for (const secret of [visitor.token, 'Jane Visitor', 'orderId'])
      expect(body).not.toContain(secret);
    await until(async () => (await deliveries(hook._id))[0]?.status === 'delivered', 'delivered');
    expect(await deliveries(hook._id)).toEqual([
      {
        _id: expect.any(String),
        eventId: headers['webhook-id'],
        type: 'survey.submitted',
        status: 'delivered',
        attempts: 1,
        lastStatus: 200,
        lastError: null,
        nextAttemptAt: null,
        createdAt: expect.any(String),
        deliveredAt: expect.any(String),
        history: [
          {
            at: expect.any(String),
            status: 200,
            error: null,
            durationMs: expect.any(Number),
            response: '',
          },
        ],
      },
    ]);
  });

  it('sends survey.low_score only for satisfaction at or under the threshold', async () => {
    const low = await receiver();
    const all = await receiver();
    const lowHook = await register({
      url: low.url,
      events: ['survey.low_score'],
      lowScoreThreshold: '2',
    });
    await register({ url: all.url });
    const rids: Record<string, string> = {};
    for (const value of ['1', '2', '3', '5']) {
      rids[value] = (await answeredSurvey([{ name: 'satisfaction', value }])).room._id;
    }
    await until(() => all.received.length === 4, 'the four survey.submitted deliveries');
    await until(() => low.received.length === 2, 'the two low scores');
    const lowRids = low.received.map(({ body }) => JSON.parse(body).data.rid as string).sort();
    expect(lowRids).toEqual([rids['1'], rids['2']].sort());
    expect(low.received.map(({ body }) => JSON.parse(body).type)).toEqual([
      'survey.low_score',
      'survey.low_score',
    ]);
    expect(await deliveries(lowHook._id)).toHaveLength(2);
  });

  it('retries a 500 on the schedule: 500, 500, 200 → three attempts, one webhook-id, delivered', async () => {
    const r = await receiver([500, 500, 200]);
    const hook = await register({ url: r.url });
    await answeredSurvey([{ name: 'satisfaction', value: '4' }]);
    await until(async () => (await deliveries(hook._id))[0]?.status === 'delivered', 'delivered');
    expect(r.received).toHaveLength(3);
    expect(new Set(r.received.map(({ headers }) => headers['webhook-id'])).size).toBe(1);
    // At least 300 ms - 20 %, then 900 ms - 20 %, between attempts (the bounds and jitter are
    // unit-tested in webhook-events.spec.ts; polling only adds to the waits here).
    const gaps = [1, 2].map((i) => r.received[i].at - r.received[i - 1].at);
    expect(gaps[0]).toBeGreaterThanOrEqual(240);
    expect(gaps[1]).toBeGreaterThanOrEqual(720);
    expect(await deliveries(hook._id)).toEqual([
      expect.objectContaining({
        status: 'delivered',
        attempts: 3,
        lastStatus: 200,
        lastError: null,
      }),
    ]);
  });

  it('marks a delivery failed once the schedule is spent, and the manual retry delivers it', async () => {
    const port = await downPort();
    const hook = await register({ url: `http://127.0.0.1:${port}/hook` });
    await answeredSurvey([{ name: 'satisfaction', value: '3' }]);
    await until(async () => (await deliveries(hook._id))[0]?.status === 'failed', 'failed', 20_000);
    const [failed] = await deliveries(hook._id);
    expect(failed).toEqual(
      expect.objectContaining({
        status: 'failed',
        attempts: 3,
        lastStatus: null,
        lastError: expect.stringContaining('ECONNREFUSED'),
        nextAttemptAt: null,
      }),
    );
    const notFailedYet = await t
      .http()
      .post(`${HOOKS}/${hook._id}/deliveries/nope/retry`)
      .set('X-Api-Key', key.key);
    expect([notFailedYet.status, notFailedYet.body.errorType]).toEqual([404, 'error-not-found']);
    const r = await receiver([200], { port });
    const retried = await t
      .http()
      .post(`${HOOKS}/${hook._id}/deliveries/${failed._id as string}/retry`)
      .set('X-Api-Key', key.key);
    expect(retried.status).toBe(200);
    expect(retried.body).toEqual({
      delivery: expect.objectContaining({
        _id: failed._id,
        status: 'delivered',
        attempts: 4,
        lastStatus: 200,
        lastError: null,
      }),
      success: true,
    });
    expect(r.received.map(({ headers }) => headers['webhook-id'])).toEqual([failed.eventId]);
    const again = await t
      .http()
      .post(`${HOOKS}/${hook._id}/deliveries/${failed._id as string}/retry`)
      .set('X-Api-Key', key.key);
    expect(again.status).toBe(400);
    expect(again.body).toEqual({
      success: false,
      error: 'only a pending or failed delivery can be retried [invalid-params]',
      errorType: 'invalid-params',
    });
  });

  it('follows no redirect: a 302 is a failed attempt, its target never called', async () => {
    const target = await receiver();
    const redirecting = await receiver([302], { location: target.url });
    const hook = await register({ url: redirecting.url });
    await answeredSurvey([{ name: 'satisfaction', value: '3' }]);
    await until(async () => (await deliveries(hook._id))[0]?.status === 'failed', 'failed');
    expect(redirecting.received).toHaveLength(3);
    expect(target.received).toHaveLength(0);
    expect(await deliveries(hook._id)).toEqual([
      expect.objectContaining({ status: 'failed', lastStatus: 302, lastError: 'HTTP 302' }),
    ]);
  });

  it('writes the event before the answers and marks it after with a hook registered, nothing without', async () => {
    const r = await receiver();
    /** The commands of one survey (of the visitor's room, or of `rid`), answered `status`. */
    const survey = async (rid?: string, status = 200) => {
      const visitor = rocketChatVisitor();
      const room = rocketChatRoom(visitor);
      await t.visitors.insertOne(visitor);
      await t.rooms.insertOne(room);
      const commands = await t.captureCommands(() =>
        t
          .http()
          .post('/api/v1/livechat/room.survey')
          .send({
            rid: rid ?? room._id,
            token: visitor.token,
            data: [{ name: 'satisfaction', value: '5' }],
          })
          .expect(status),
      );
      // The dispatcher's own queries are left out by captureCommands (their driver comment).
      return commands.map(
        (event) => `${event.commandName} ${String(event.command[event.commandName])}`,
      );
    };
    const ownCommands = ['find rocketchat_livechat_visitor', 'update rocketchat_room'];
    expect(await survey()).toEqual(ownCommands);
    expect(await survey('noSuchRoom', 400)).toEqual(ownCommands);
    const hook = await register({ url: r.url });
    expect(await survey()).toEqual([
      'find rocketchat_livechat_visitor',
      'insert livechat_survey_events',
      'update rocketchat_room',
      'update livechat_survey_events',
    ]);
    await until(() => r.received.length === 1, 'the one delivery');
    // No such room: its event goes at once.
    expect(await survey('noSuchRoom', 400)).toEqual([
      'find rocketchat_livechat_visitor',
      'insert livechat_survey_events',
      'update rocketchat_room',
      'delete livechat_survey_events',
    ]);
    expect(await t.db.collection('livechat_survey_events').countDocuments()).toBe(0);
    await t.http().delete(`${HOOKS}/${hook._id}`).set('X-Api-Key', key.key).expect(200);
    expect(await survey()).toEqual(ownCommands);
    expect(r.received).toHaveLength(1);
  });

  it('counts deliveries by outcome and their latency in /metrics: one retry, one delivery', async () => {
    const series = [
      'livechat_survey_webhook_deliveries_total{outcome="retrying"}',
      'livechat_survey_webhook_deliveries_total{outcome="delivered"}',
      'livechat_survey_webhook_delivery_latency_seconds_count',
    ];
    // Earlier tests raised these counters already: what counts is what this delivery adds.
    const read = async () => {
      const { text } = await t.metrics().get('/metrics').expect(200);
      const lines = text.split('\n');
      return series.map((name) =>
        Number(lines.find((l) => l.startsWith(`${name} `))?.slice(name.length + 1) ?? 0),
      );
    };
    const before = await read();
    const r = await receiver([500, 200]);
    await register({ url: r.url });
    await answeredSurvey([{ name: 'satisfaction', value: '5' }]);
    // Counted right after the delivery's status is written.
    await until(async () => (await read())[1] > before[1], 'the delivery counted');
    const after = await read();
    expect(r.received).toHaveLength(2);
    expect(after.map((value, i) => value - before[i])).toEqual([1, 1, 1]);
  });
});

const PRIVATE_HINT = '; WEBHOOKS_ALLOW_PRIVATE=true allows loopback and private addresses';
/** Address classes refused always, whatever WEBHOOKS_ALLOW_PRIVATE says: [url, what, why]. */
const ALWAYS_REFUSED: [string, string, string][] = [
  [
    'http://169.254.169.254/latest/meta-data/',
    'cloud metadata',
    '169.254.169.254 is a cloud metadata address',
  ],
  ['http://100.100.100.200/', 'cloud metadata', '100.100.100.200 is a cloud metadata address'],
  ['http://192.0.0.192/', 'cloud metadata', '192.0.0.192 is a cloud metadata address'],
  ['http://[fd00:ec2::254]/', 'IPv6 metadata', 'fd00:ec2::254 is a cloud metadata address'],
  [
    'http://[::ffff:169.254.169.254]/',
    'IPv4-mapped metadata',
    '::ffff:a9fe:a9fe embeds 169.254.169.254, which is a cloud metadata address',
  ],
  [
    'http://169.254.10.20/',
    'link-local',
    '169.254.10.20 is not a public unicast address (linkLocal)',
  ],
  ['http://[fe80::1]/', 'IPv6 link-local', 'fe80::1 is not a public unicast address (linkLocal)'],
  ['http://198.18.0.1/', 'benchmarking', '198.18.0.1 is not a public unicast address (reserved)'],
  ['http://0.0.0.0/', '0.0.0.0/8', '0.0.0.0 is not a public unicast address (unspecified)'],
  ['http://0.1.2.3/', '0.0.0.0/8', '0.1.2.3 is not a public unicast address (unspecified)'],
  ['http://224.0.0.1/', 'multicast', '224.0.0.1 is not a public unicast address (multicast)'],
  [
    'http://239.255.255.250/',
    'multicast',
    '239.255.255.250 is not a public unicast address (multicast)',
  ],
  ['http://[ff02::1]/', 'IPv6 multicast', 'ff02::1 is not a public unicast address (multicast)'],
  [
    'http://255.255.255.255/',
    'broadcast',
    '255.255.255.255 is not a public unicast address (broadcast)',
  ],
  ['http://[::]/', 'IPv6 unspecified', ':: is not a public unicast address (unspecified)'],
];
/** Refused unless WEBHOOKS_ALLOW_PRIVATE=true: [url, what, why]. */
const PRIVATE: [string, string, string][] = [
  ['http://127.0.0.1:8080/', 'loopback', '127.0.0.1 is a loopback or private address'],
  ['http://127.1.2.3/', 'loopback', '127.1.2.3 is a loopback or private address'],
  [
    'http://localhost:1/',
    'a name resolving to loopback',
    'localhost resolves to a refused address',
  ],
  ['http://[::1]/', 'IPv6 loopback', '::1 is a loopback or private address'],
  [
    'http://[::ffff:127.0.0.1]/',
    'IPv4-mapped loopback',
    '::ffff:7f00:1 embeds 127.0.0.1, which is a loopback or private address',
  ],
  [
    'http://[::127.0.0.1]:3481/',
    'IPv4-compatible loopback',
    '::7f00:1 embeds 127.0.0.1, which is a loopback or private address',
  ],
  [
    'http://[64:ff9b::7f00:1]/',
    'NAT64 loopback',
    '64:ff9b::7f00:1 embeds 127.0.0.1, which is a loopback or private address',
  ],
  [
    'http://[64:ff9b::10.0.0.1]/',
    'NAT64 private',
    '64:ff9b::a00:1 embeds 10.0.0.1, which is a loopback or private address',
  ],
  [
    'http://[2002:7f00:1::]/',
    '6to4 loopback',
    '2002:7f00:1:: embeds 127.0.0.1, which is a loopback or private address',
  ],
  [
    'http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/',
    'Teredo, client 127.0.0.1',
    '2001:0:4136:e378:8000:63bf:80ff:fffe embeds 127.0.0.1, which is a loopback or private address',
  ],
  ['http://2130706433/', 'loopback as one number', '127.0.0.1 is a loopback or private address'],
  ['http://10.1.2.3/', '10/8', '10.1.2.3 is a loopback or private address'],
  ['http://172.16.0.1/', '172.16/12', '172.16.0.1 is a loopback or private address'],
  ['http://172.31.255.254/', '172.16/12', '172.31.255.254 is a loopback or private address'],
  ['http://192.168.1.1/', '192.168/16', '192.168.1.1 is a loopback or private address'],
  ['http://100.64.0.1/', 'carrier-grade NAT', '100.64.0.1 is a loopback or private address'],
  ['http://[fd12:3456::1]/', 'IPv6 unique local', 'fd12:3456::1 is a loopback or private address'],
  ['http://[fec0::1]/', 'IPv6 site-local', 'fec0::1 is a loopback or private address'],
];

describe.each([
  ['false', false],
  ['true', true],
])('webhook addresses with WEBHOOKS_ALLOW_PRIVATE=%s', (setting, allowPrivate) => {
  let t: TestApp;
  const key = scopedApiKey('webhooks:manage');
  const register = (url: string) => t.http().post(HOOKS).set('X-Api-Key', key.key).send({ url });

  beforeAll(async () => {
    t = await createTestApp({
      API_KEYS: key.entry,
      REPORTS_RATE_LIMIT_MAX: '1000000',
      WEBHOOKS_ALLOW_PRIVATE: setting,
    });
  });
  afterAll(() => t.close());

  const refusedBody = (why: string) => ({
    success: false,
    error: `url refused: ${why} [invalid-params]`,
    errorType: 'invalid-params',
  });

  it.each(ALWAYS_REFUSED)('refuses %s (%s) with invalid-params', async (url, _, why) => {
    const res = await register(url);
    expect([res.status, res.body]).toEqual([400, refusedBody(why)]);
  });

  it.each(PRIVATE)(`${allowPrivate ? 'accepts' : 'refuses'} %s (%s)`, async (url, _, why) => {
    const res = await register(url);
    if (allowPrivate) {
      expect(res.status).toBe(200);
      await t.http().delete(`${HOOKS}/${res.body.webhook._id}`).set('X-Api-Key', key.key);
    } else {
      // The setting is named; a name's addresses are not.
      expect([res.status, res.body]).toEqual([400, refusedBody(why + PRIVATE_HINT)]);
    }
  });

  it('stores nothing for a refused address', async () => {
    expect((await t.http().get(HOOKS).set('X-Api-Key', key.key)).body).toEqual({
      webhooks: [],
      success: true,
    });
  });
});

describe('webhooks without WEBHOOKS_ALLOW_PRIVATE: each attempt, limits, roles', () => {
  let t: TestApp;
  const key = scopedApiKey('webhooks:manage');
  const agent = rocketChatUser(['user', 'livechat-agent']);

  beforeAll(async () => {
    t = await createTestApp({
      API_KEYS: key.entry,
      RATE_LIMIT_MAX: '3',
      BODY_LIMIT: '1kb',
      WEBHOOKS_RETRY_SCHEDULE: '100ms',
      WEBHOOKS_POLL_INTERVAL_MS: '100',
    });
    await t.db.collection('users').insertOne(agent.user as never);
  });
  afterAll(() => t.close());

  it('checks the address again at each attempt: a hook that now reaches loopback is never called', async () => {
    const r = await startReceiver();
    // As if their names had resolved to a public address when they were registered: an address,
    // and a name (whose address the error never tells).
    const hooks = [
      ['hookNowLoopback01', r.url, '127.0.0.1 is a loopback or private address'],
      [
        'hookNowLoopback02',
        r.url.replace('127.0.0.1', 'localhost'),
        'localhost resolves to a refused address',
      ],
    ];
    for (const [_id, url] of hooks) {
      await t.db.collection('livechat_survey_webhooks').insertOne({
        _id,
        url,
        events: ['survey.submitted'],
        lowScoreThreshold: '2',
        secret: `whsec_${Buffer.alloc(32, 1).toString('base64')}`,
        createdAt: new Date(),
      } as never);
    }
    // The registry's poll would see them within an interval; this asks it now.
    await t.app.get(WebhookRegistryService).refresh();
    const visitor = rocketChatVisitor();
    const room = rocketChatRoom(visitor);
    await t.visitors.insertOne(visitor);
    await t.rooms.insertOne(room);
    const deliveries = () =>
      t.db.collection('livechat_survey_deliveries').find().sort({ hookId: 1 }).toArray();
    await t
      .http()
      .post('/api/v1/livechat/room.survey')
      .send({ rid: room._id, token: visitor.token, data: [{ name: 'satisfaction', value: '5' }] })
      .expect(200);
    await until(async () => (await deliveries()).length === 2, 'the deliveries');
    await until(
      async () => (await deliveries()).every((d) => d.status === 'failed'),
      'the deliveries failed',
    );
    expect(await deliveries()).toEqual(
      hooks.map(([hookId, , why]) =>
        expect.objectContaining({
          hookId,
          status: 'failed',
          attempts: 2,
          lastStatus: null,
          lastError: why + PRIVATE_HINT,
        }),
      ),
    );
    expect(r.received).toHaveLength(0);
    await r.close();
  });

  it('answers 403 to a user without a manager role, on every route', async () => {
    const calls = [
      t.http().get(HOOKS),
      t.http().post(HOOKS).send({ url: 'https://example.com/' }),
      t.http().delete(`${HOOKS}/x`),
      t.http().get(`${HOOKS}/x/deliveries`),
      t.http().post(`${HOOKS}/x/deliveries/y/retry`),
      t.http().patch(`${HOOKS}/x`).send({ active: false }),
      t.http().post(`${HOOKS}/x/ping`),
      t.http().post(`${HOOKS}/x/rotate`),
      t.http().post(`${HOOKS}/x/deliveries/retry`),
    ];
    for (const call of calls) {
      const res = await call.set(agent.headers);
      expect([res.status, res.body]).toEqual([403, FORBIDDEN_BODY]);
    }
  });

  it('answers 413 to a body over BODY_LIMIT on the POST and PATCH routes', async () => {
    for (const [method, path] of [
      ['post', HOOKS],
      ['post', `${HOOKS}/x/deliveries/y/retry`],
      ['post', `${HOOKS}/x/rotate`],
      ['post', `${HOOKS}/x/ping`],
      ['post', `${HOOKS}/x/deliveries/retry`],
      ['patch', `${HOOKS}/x`],
    ] as const) {
      const res = await t
        .http()
        [method](path)
        .set('X-Api-Key', key.key)
        .set('Content-Type', 'application/json')
        .send(JSON.stringify({ url: `https://example.com/${'x'.repeat(2048)}` }));
      expect([res.status, res.text]).toEqual([
        413,
        '{"success":false,"error":"[payload-too-large]","errorType":"payload-too-large"}',
      ]);
    }
  });

  it('answers 404 for an unknown webhook, 400 for a bad count', async () => {
    const missing = await t.http().get(`${HOOKS}/nope/deliveries`).set('X-Api-Key', key.key);
    expect([missing.status, missing.body.errorType]).toEqual([404, 'error-not-found']);
    const bad = await t.http().get(`${HOOKS}/nope/deliveries?count=0`).set('X-Api-Key', key.key);
    expect([bad.status, bad.body]).toEqual([
      400,
      {
        success: false,
        error: 'count must be an integer from 1 to 100 [invalid-params]',
        errorType: 'invalid-params',
      },
    ]);
  });

  it('counts failed authentications per IP with the reports: once over, every webhook route answers 429', async () => {
    const wrong = { 'X-Api-Key': 'guess' };
    for (let i = 0; i < 3; i++) expect((await t.http().get(HOOKS).set(wrong)).status).toBe(401);
    const calls = [
      t.http().get(HOOKS),
      t.http().post(HOOKS).send({ url: 'https://example.com/' }),
      t.http().delete(`${HOOKS}/x`),
      t.http().get(`${HOOKS}/x/deliveries`),
      t.http().post(`${HOOKS}/x/deliveries/y/retry`),
      t.http().patch(`${HOOKS}/x`).send({ active: false }),
      t.http().post(`${HOOKS}/x/ping`),
      t.http().post(`${HOOKS}/x/rotate`),
      t.http().post(`${HOOKS}/x/deliveries/retry`).send({ status: 'failed' }),
    ];
    for (const call of calls) {
      const res = await call.set('X-Api-Key', key.key);
      expect(res.status).toBe(429);
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    }
  });
});
