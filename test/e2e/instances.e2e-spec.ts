import { randomUUID } from 'node:crypto';
import { requireRedis } from '../support/redis-server';
import { startService, type RunningService } from '../support/service';
import { visitorToken } from '../support/factories';

// The machine's Redis (CI's starts one on 127.0.0.1:6379); TEST_REDIS_URL points elsewhere.
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Two service processes (`node dist/main.js`) on one database and one Redis. */
describe('two instances behind a load balancer', () => {
  let a: RunningService;
  let b: RunningService;
  const env = () => ({
    MONGODB_URI: `${process.env.TEST_MONGODB_URL!.replace(/\/$/, '')}/instances_${process.pid}`,
    REDIS_URL,
    TRUST_PROXY: 'true',
    RATE_LIMIT_MAX: '3',
    RATE_LIMIT_STRICT_MAX: '100',
    LOG_LEVEL: 'info',
  });

  beforeAll(async () => {
    await requireRedis(REDIS_URL);
    [a, b] = await Promise.all([startService(env()), startService(env())]);
  });
  afterAll(async () => {
    if (!a) return; // Redis did not answer: nothing was started.
    expect(await a.stop()).toBe(0);
    expect(await b.stop()).toBe(0);
  });

  const call = (
    service: RunningService,
    path: string,
    init: { method?: string; body?: unknown; ip?: string } = {},
  ) =>
    fetch(`${service.url}${path}`, {
      method: init.method ?? 'GET',
      headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': init.ip ?? '198.51.100.7' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });

  it('share the rate limit through Redis: the 4th request from one client is refused by either', async () => {
    const ip = `198.51.100.${Math.floor(Math.random() * 200) + 20}`;
    const token = `limit-${randomUUID()}`;
    const statuses: number[] = [];
    for (const service of [a, b, a, b]) {
      const res = await call(service, '/api/v1/livechat/room.close', {
        method: 'POST',
        body: { rid: 'r', token },
        ip,
      });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([400, 400, 400, 429]);
    const ready = (await (await call(a, '/health/ready')).json()) as {
      info: Record<string, { status: string }>;
    };
    // Readiness checks the database only: without Redis each instance counts in memory (docs/operations.md).
    expect(ready.info).toEqual({ database: { status: 'up' } });
  });

  it('serve one journey together: register on A, open on B, close on A, rate on B, erase on A', async () => {
    const token = visitorToken();
    const ip = '198.51.100.250';
    const registered = await call(a, '/api/v1/livechat/visitor', {
      method: 'POST',
      body: { visitor: { token, name: 'Two' } },
      ip,
    });
    expect(registered.status).toBe(200);
    const opened = (await (
      await call(b, `/api/v1/livechat/room?token=${token}`, { ip })
    ).json()) as { room: { _id: string } };
    const rid = opened.room._id;
    expect(
      (await call(a, '/api/v1/livechat/room.close', { method: 'POST', body: { rid, token }, ip }))
        .status,
    ).toBe(200);
    const survey = await call(b, '/api/v1/livechat/room.survey', {
      method: 'POST',
      body: { rid, token, data: [{ name: 'satisfaction', value: '4' }] },
      ip,
    });
    expect(await survey.json()).toEqual({ rid, data: { satisfaction: '4' }, success: true });
    expect(
      (await call(a, `/api/v1/livechat/visitor/${token}`, { method: 'DELETE', ip })).status,
    ).toBe(200);
    expect((await call(b, `/api/v1/livechat/visitor/${token}`, { ip })).status).toBe(400);

    // The journey's access logs, on both instances, never show the token.
    const logs = a.output() + b.output();
    expect(logs).toContain('"msg":"request completed"');
    expect(logs).toContain('/api/v1/livechat/visitor/[Redacted]');
    expect(logs).toContain('/api/v1/livechat/room?token=[Redacted]');
    expect(logs).not.toContain(token);
  });
});
