import { createTestApp, type TestApp } from '../support/app';
import { rocketChatRoom, rocketChatVisitor } from '../support/factories';

const TOO_MANY =
  /^Error, too many requests\. Please slow down\. You must wait (\d+) seconds before trying this endpoint again\. \[error-too-many-requests\]$/;

describe('body size and params limits', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({
      BODY_LIMIT: '64kb',
      SURVEY_MAX_ITEMS: '100',
      MAX_STRING_LENGTH: '10000',
    });
  });
  afterAll(() => t.close());

  it.each([
    '/api/v1/livechat/room.survey',
    '/api/v1/livechat/room.close',
    '/api/v1/livechat/visitor',
  ])('answers 413 payload-too-large for a body over BODY_LIMIT on %s', async (path) => {
    const res = await t
      .http()
      .post(path)
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ token: 'x'.repeat(70 * 1024) }));
    expect(res.status).toBe(413);
    expect(res.text).toBe(
      '{"success":false,"error":"[payload-too-large]","errorType":"payload-too-large"}',
    );
  });

  it("answers more than 100 items and strings over 10,000 characters in the validator's words", async () => {
    const item = { name: 'satisfaction', value: '5' };
    const many = await t
      .http()
      .post('/api/v1/livechat/room.survey')
      .send({ token: 't', rid: 'r', data: Array(101).fill(item) });
    expect(many.body).toEqual({
      success: false,
      error: 'must NOT have more than 100 items [invalid-params]',
      errorType: 'invalid-params',
    });
    const long = await t
      .http()
      .post('/api/v1/livechat/room.survey')
      .send({
        token: 't',
        rid: 'r',
        data: [{ name: 'additionalFeedback', value: 'x'.repeat(10001) }],
      });
    expect(long.body.error).toBe('must NOT have more than 10000 characters [invalid-params]');
    // What Rocket.Chat's widget sends is far inside both limits.
    const visitor = rocketChatVisitor();
    const room = rocketChatRoom(visitor);
    await t.visitors.insertOne(visitor);
    await t.rooms.insertOne(room);
    const ok = await t
      .http()
      .post('/api/v1/livechat/room.survey')
      .send({
        token: visitor.token,
        rid: room._id,
        data: [...Array(99).fill(item), { name: 'additionalFeedback', value: 'y'.repeat(10000) }],
      });
    expect(ok.status).toBe(200);
  });
});

describe('rate limits, as Rocket.Chat applies them', () => {
  let t: TestApp;
  let visitor: ReturnType<typeof rocketChatVisitor>;
  let ip = 0;
  // Each test speaks from its own client address (TRUST_PROXY lets X-Forwarded-For name it).
  const from = () => `203.0.113.${++ip}`;

  beforeAll(async () => {
    t = await createTestApp({
      RATE_LIMIT_ENABLED: 'true',
      RATE_LIMIT_MAX: '3',
      RATE_LIMIT_STRICT_MAX: '2',
      RATE_LIMIT_WINDOW_MS: '60000',
      TRUST_PROXY: 'true',
    });
    visitor = rocketChatVisitor();
    await t.visitors.insertOne(visitor);
    await t.rooms.insertOne(rocketChatRoom(visitor));
  });
  afterAll(() => t.close());

  const requests: Record<string, (client: string) => Promise<import('supertest').Response>> = {
    'POST room.survey': (c) =>
      t
        .http()
        .post('/api/v1/livechat/room.survey')
        .set('X-Forwarded-For', c)
        .send({ token: `t-${c}`, rid: 'r', data: [] }),
    'POST room.close': (c) =>
      t
        .http()
        .post('/api/v1/livechat/room.close')
        .set('X-Forwarded-For', c)
        .send({ token: `t-${c}`, rid: 'r' }),
    'POST visitor': (c) =>
      t.http().post('/api/v1/livechat/visitor').set('X-Forwarded-For', c).send({}),
    'GET room': (c) =>
      t
        .http()
        .get('/api/v1/livechat/room')
        .set('X-Forwarded-For', c)
        .query({ token: `t-${c}` }),
    'GET visitor': (c) => t.http().get(`/api/v1/livechat/visitor/t-${c}`).set('X-Forwarded-For', c),
    'DELETE visitor': (c) =>
      t.http().delete(`/api/v1/livechat/visitor/t-${c}`).set('X-Forwarded-For', c),
    'GET config': (c) => t.http().get('/api/v1/livechat/config').set('X-Forwarded-For', c),
  };
  const strict = new Set(['POST visitor', 'GET room']);

  it.each(Object.keys(requests))(
    '%s: limit per client, then 429 in Rocket.Chat words with its headers',
    async (name) => {
      const client = from();
      const limit = strict.has(name) ? 2 : 3;
      const status = name === 'GET config' ? 200 : 400;
      for (let i = 1; i <= limit; i++) {
        const res = await requests[name](client);
        expect(res.status).toBe(status);
        expect(res.headers['x-ratelimit-limit']).toBe(String(limit));
        expect(res.headers['x-ratelimit-remaining']).toBe(String(limit - i));
        const reset = Number(res.headers['x-ratelimit-reset']);
        expect(reset).toBeGreaterThan(Date.now());
        expect(reset).toBeLessThanOrEqual(Date.now() + 61_000);
      }
      const over = await requests[name](client);
      expect(over.status).toBe(429);
      expect(Object.keys(over.body)).toEqual(['success', 'error']);
      expect(over.body.success).toBe(false);
      const seconds = Number(TOO_MANY.exec(over.body.error)?.[1]);
      expect(seconds).toBeGreaterThanOrEqual(58);
      expect(seconds).toBeLessThanOrEqual(60);
      expect(over.headers['retry-after']).toBe(String(seconds));
      expect(over.headers['x-ratelimit-remaining']).toBe('0');
      // Another client is not affected.
      expect((await requests[name](from())).status).toBe(status);
    },
  );

  it('counts before anything else: a client over the limit gets 429 whatever its body', async () => {
    const client = from();
    for (let i = 0; i < 3; i++) await requests['POST room.survey'](client);
    const raw = await t
      .http()
      .post('/api/v1/livechat/room.survey')
      .set('X-Forwarded-For', client)
      .set('Content-Type', 'application/json')
      .send('not json');
    expect(raw.status).toBe(429);
  });

  it('limits per visitor token as well, whatever the client address', async () => {
    const token = `shared-token-${Date.now()}`;
    const survey = () =>
      t
        .http()
        .post('/api/v1/livechat/room.survey')
        .set('X-Forwarded-For', from())
        .send({ token, rid: 'r', data: [{ name: 'a', value: 'b' }] });
    for (let i = 0; i < 3; i++) expect((await survey()).status).toBe(400);
    expect((await survey()).status).toBe(429);
  });

  it('does not limit the API documents', async () => {
    const client = from();
    for (let i = 0; i < 5; i++) {
      const res = await t.http().get('/api-docs-json').set('X-Forwarded-For', client);
      expect(res.status).toBe(200);
      expect(res.headers['x-ratelimit-limit']).toBeUndefined();
    }
  });
});

describe('RATE_LIMIT_ENABLED=false', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({
      RATE_LIMIT_ENABLED: 'false',
      RATE_LIMIT_MAX: '1',
      RATE_LIMIT_STRICT_MAX: '1',
    });
  });
  afterAll(() => t.close());

  it('never answers 429', async () => {
    for (let i = 0; i < 5; i++) {
      const res = await t.http().get('/api/v1/livechat/config');
      expect(res.status).toBe(200);
    }
  });
});
