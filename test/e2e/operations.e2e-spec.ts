import { createTestApp, type TestApp } from '../support/app';
import { rocketChatRoom, rocketChatVisitor } from '../support/factories';

describe('operations endpoints and headers', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ CORS_ORIGINS: 'https://shop.example.com, https://help.example.com' });
  });
  afterAll(() => t.close());

  it('answers liveness and readiness (database ping) in terminus format', async () => {
    const live = await t.http().get('/health/live');
    expect(live.status).toBe(200);
    expect(live.body).toEqual({ status: 'ok', info: {}, error: {}, details: {} });
    const ready = await t.http().get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
    expect(ready.body.info).not.toHaveProperty('redis');
  });

  it('counts survey outcomes and times requests by route template, never by raw path', async () => {
    const visitor = rocketChatVisitor();
    const room = rocketChatRoom(visitor);
    await t.visitors.insertOne(visitor);
    await t.rooms.insertOne(room);
    const survey = (body: object) => t.http().post('/api/v1/livechat/room.survey').send(body);
    const data = [{ name: 'satisfaction', value: '5' }];
    await survey({ rid: room._id, token: visitor.token, data }).expect(200);
    await survey({ rid: room._id, token: visitor.token, data }).expect(200);
    await survey({ rid: room._id, token: 'nope', data }).expect(400);
    await survey({ rid: 'nope', token: visitor.token, data }).expect(400);
    await survey({ rid: room._id, token: visitor.token, data: [{ name: 'x', value: '1' }] }).expect(
      400,
    );
    await survey({}).expect(400);
    await t.http().get(`/api/v1/livechat/visitor/${visitor.token}`).expect(200);

    const metrics = await t.metrics().get('/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.headers['content-type']).toMatch(/^text\/plain/);
    const text = metrics.text;
    for (const [outcome, count] of [
      ['ok', 2],
      ['invalid-token', 1],
      ['invalid-room', 1],
      ['invalid-data', 1],
      ['invalid-params', 1],
    ] as const) {
      expect(text).toContain(`livechat_survey_submissions_total{outcome="${outcome}"} ${count}`);
    }
    expect(text).toContain(
      'http_request_duration_seconds_count{method="POST",route="/api/v1/livechat/room.survey",status_code="200"} 2',
    );
    expect(text).toContain('route="/api/v1/livechat/visitor/:token"');
    expect(text).not.toContain(visitor.token);
    expect(text).toContain('process_cpu_user_seconds_total');
  });

  it('times the requests refused ahead of Nest (bad params) by their route template too', async () => {
    const count = async (route: string) => {
      const text = (await t.metrics().get('/metrics')).text;
      const line = `http_request_duration_seconds_count{method="POST",route="${route}",status_code="400"} `;
      const at = text.indexOf(line);
      return at < 0 ? 0 : parseInt(text.slice(at + line.length), 10);
    };
    const before = await count('/api/v1/livechat/room.survey');
    await t.http().post('/api/v1/livechat/room.survey').send({}).expect(400);
    await t.http().post('/api/v1/livechat/room.close').send({ rid: 5 }).expect(400);
    expect(await count('/api/v1/livechat/room.survey')).toBe(before + 1);
    expect(await count('/api/v1/livechat/room.close')).toBeGreaterThanOrEqual(1);
  });

  it.each(['/metrics', '/metrics/', '/METRICS', '/Metrics/', '/%6Detrics', '/metrics?x=1'])(
    "answers %s on the API port with the service's 404: metrics live on METRICS_PORT only",
    async (path) => {
      const res = await t.http().get(path);
      expect(res.status).toBe(404);
      expect(res.text).toBe('{"success":false,"error":"Not found"}');
      expect(res.text).not.toContain('process_cpu_user_seconds_total');
    },
  );

  it('serves the metrics on METRICS_PORT, and nothing else there', async () => {
    await t.http().get('/api/v1/livechat/config').expect(200);
    const metrics = await t.metrics().get('/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    // The API's requests are measured, the scrapes themselves are not.
    expect(metrics.text).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/livechat\/config",status_code="200"\} [1-9]/,
    );
    expect(metrics.text).not.toContain('route="/metrics"');
    for (const path of ['/', '/health/live', '/api/v1/livechat/config', '/metricsx']) {
      const other = await t.metrics().get(path);
      expect(other.status).toBe(404);
      expect(other.text).toBe('Not found');
    }
    const post = await t.metrics().post('/metrics');
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
    expect(t.config.metricsPort).toBe(0);
    expect(t.metricsPort).not.toBe(0);
  });

  it('returns a request id, honouring an incoming X-Request-Id', async () => {
    const own = await t.http().get('/api/v1/livechat/config').set('X-Request-Id', 'trace-abc.123');
    expect(own.headers['x-request-id']).toBe('trace-abc.123');
    const generated = await t.http().get('/api/v1/livechat/config');
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const refused = await t
      .http()
      .get('/api/v1/livechat/config')
      .set('X-Request-Id', 'bad id with spaces');
    expect(refused.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("sends helmet's security headers and no X-Powered-By", async () => {
    const res = await t.http().get('/api/v1/livechat/config');
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['strict-transport-security']).toMatch(/max-age=/);
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
  });

  it('allows CORS for the configured origins only', async () => {
    const allowed = await t
      .http()
      .options('/api/v1/livechat/room.survey')
      .set('Origin', 'https://shop.example.com')
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'content-type');
    expect(allowed.status).toBe(204);
    expect(allowed.headers['access-control-allow-origin']).toBe('https://shop.example.com');
    const other = await t
      .http()
      .get('/api/v1/livechat/config')
      .set('Origin', 'https://evil.example.net');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    const simple = await t
      .http()
      .get('/api/v1/livechat/config')
      .set('Origin', 'https://help.example.com');
    expect(simple.headers['access-control-allow-origin']).toBe('https://help.example.com');
    expect(simple.headers['access-control-expose-headers']).toContain('X-RateLimit-Remaining');
  });

  it('answers unknown routes in the envelope, without echoing the path', async () => {
    const res = await t.http().get('/api/v1/livechat/visitor/secret-token/extra');
    expect(res.status).toBe(404);
    expect(res.text).toBe('{"success":false,"error":"Not found"}');
  });
});
