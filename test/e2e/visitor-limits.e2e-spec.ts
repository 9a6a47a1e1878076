import { createTestApp, type TestApp } from '../support/app';
import { rocketChatVisitor, visitorToken } from '../support/factories';

const VISITOR = '/api/v1/livechat/visitor';

const error = (errorType: string, message: string) =>
  JSON.stringify({
    success: false,
    error: `${message} [${errorType}]`,
    errorType,
    details: { method: 'livechat/visitor' },
  });
const TOO_MANY = (max: number) =>
  error('error-too-many-custom-fields', `A visitor keeps at most ${max} custom fields`);
const KEY_TOO_LONG = (max: number) =>
  error('error-invalid-custom-field', `Custom field keys have at most ${max} characters`);
const VALUE_TOO_LONG = (max: number) =>
  error('error-invalid-custom-field', `Custom field values have at most ${max} characters`);

/** `count` custom fields named `<prefix>0`, `<prefix>1`, … with values of `length` characters. */
const fields = (prefix: string, count: number, length = 5, overwrite = true) =>
  Array.from({ length: count }, (_, i) => ({
    key: `${prefix}${i}`,
    value: String(i).padEnd(length, 'x'),
    overwrite,
  }));

describe('POST visitor: what a visitor keeps is bounded (defaults)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const register = (token: string, customFields: unknown[], extra: object = {}) =>
    t
      .http()
      .post(VISITOR)
      .send({ visitor: { token, ...extra, customFields } });

  it('refuses six 900 KB registrations that would grow one visitor to 5.4 MB: it stays bounded', async () => {
    const token = visitorToken();
    for (let call = 0; call < 6; call++) {
      const res = await register(token, fields(`c${call}_`, 100, 9000));
      expect(res.status).toBe(400);
      expect(res.text).toBe(TOO_MANY(50));
    }
    expect(await t.visitors.countDocuments({ token })).toBe(0);
  });

  it('keeps up to 50 custom fields across registrations, then answers 400 and stores nothing more', async () => {
    const token = visitorToken();
    for (let call = 0; call < 5; call++) {
      const res = await register(token, fields(`c${call}_`, 10, 9000));
      expect(res.status).toBe(200);
    }
    const full = await t.visitors.findOne({ token });
    expect(Object.keys(full!.livechatData as object)).toHaveLength(50);

    const more = await register(token, fields('c5_', 1), { name: 'Renamed' });
    expect(more.status).toBe(400);
    expect(more.text).toBe(TOO_MANY(50));
    expect(await t.visitors.findOne({ token })).toEqual(full);

    // Keys it already has may change, and overwrite:false of a present key adds nothing.
    const update = await register(token, [
      { key: 'c0_0', value: 'changed', overwrite: true },
      { key: 'c0_1', value: 'kept', overwrite: false },
    ]);
    expect(update.status).toBe(200);
    expect(update.body.visitor.livechatData.c0_0).toBe('changed');
    expect(update.body.visitor.livechatData.c0_1).toBe(full!.livechatData!['c0_1' as never]);
    const res = await t.http().get(`${VISITOR}/${token}`);
    expect(res.status).toBe(200);
    // 50 values of 9,000 characters: the document can no longer grow.
    expect(res.text.length).toBeLessThan(460_000);
  });

  it('counts a key repeated in one registration once, and ignored keys not at all', async () => {
    const token = visitorToken();
    const repeated = Array.from({ length: 200 }, (_, i) => ({
      key: 'same',
      value: String(i),
      overwrite: true,
    }));
    const ignored = fields('a.b', 100);
    const res = await register(token, [...fields('k', 49), ...repeated, ...ignored]);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.visitor.livechatData)).toHaveLength(50);
    expect(res.body.visitor.livechatData.same).toBe('199');
  });

  it('answers a key over 100 characters and a value over 10,000 characters, and stores nothing', async () => {
    const token = visitorToken();
    const longKey = await register(token, [{ key: 'k'.repeat(101), value: 'v', overwrite: true }]);
    expect(longKey.status).toBe(400);
    expect(longKey.text).toBe(KEY_TOO_LONG(100));
    const longValue = await register(token, [
      { key: 'k', value: 'v'.repeat(10_001), overwrite: true },
    ]);
    expect(longValue.status).toBe(400);
    expect(longValue.text).toBe(VALUE_TOO_LONG(10_000));
    expect(await t.visitors.countDocuments({ token })).toBe(0);

    const atLimits = await register(token, [
      { key: 'k'.repeat(100), value: 'v'.repeat(10_000), overwrite: true },
    ]);
    expect(atLimits.status).toBe(200);
    expect(atLimits.body.visitor.livechatData).toEqual({ ['k'.repeat(100)]: 'v'.repeat(10_000) });
  });

  it('changes nothing of an existing visitor when a registration is refused', async () => {
    const visitor = rocketChatVisitor();
    await t.visitors.insertOne(visitor);
    const res = await register(visitor.token, fields('k', 50), { name: 'Other Name' });
    expect(res.text).toBe(TOO_MANY(50));
    expect(await t.visitors.findOne({ _id: visitor._id })).toEqual(visitor);
  });
});

describe('POST visitor with VISITOR_MAX_CUSTOM_FIELDS=3, VISITOR_CUSTOM_FIELD_KEY_MAX_LENGTH=8, MAX_STRING_LENGTH=20', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({
      VISITOR_MAX_CUSTOM_FIELDS: '3',
      VISITOR_CUSTOM_FIELD_KEY_MAX_LENGTH: '8',
      MAX_STRING_LENGTH: '20',
    });
  });
  afterAll(() => t.close());

  const register = (token: string, customFields: unknown[]) =>
    t.http().post(VISITOR).send({ visitor: { token, customFields } });

  it('applies the configured limits, worded with them', async () => {
    const token = visitorToken();
    expect((await register(token, fields('k', 4))).text).toBe(TOO_MANY(3));
    expect((await register(token, fields('k', 3))).status).toBe(200);
    expect((await register(token, fields('x', 1))).text).toBe(TOO_MANY(3));
    expect(
      (await register(token, [{ key: 'k'.repeat(9), value: 'v', overwrite: true }])).text,
    ).toBe(KEY_TOO_LONG(8));
    expect(
      (await register(token, [{ key: 'k0', value: 'v'.repeat(21), overwrite: true }])).text,
    ).toBe(VALUE_TOO_LONG(20));
  });

  it('holds under concurrent registrations of one token: never more than the cap', async () => {
    const token = visitorToken();
    const responses = await Promise.all(
      Array.from({ length: 6 }, (_, i) => register(token, fields(`p${i}_`, 2))),
    );
    expect(responses.filter((r) => r.status === 200)).toHaveLength(1);
    expect(responses.filter((r) => r.text === TOO_MANY(3))).toHaveLength(5);
    const stored = await t.visitors.findOne({ token });
    expect(Object.keys(stored!.livechatData as object)).toHaveLength(2);
  });
});

describe('POST visitor counts against the per-token rate limit', () => {
  let t: TestApp;
  let ip = 0;

  beforeAll(async () => {
    t = await createTestApp({
      RATE_LIMIT_ENABLED: 'true',
      RATE_LIMIT_MAX: '3',
      RATE_LIMIT_STRICT_MAX: '2',
      TRUST_PROXY: 'true',
    });
  });
  afterAll(() => t.close());

  it('answers 429 on the third registration of one token in the window, from any address', async () => {
    const token = visitorToken();
    const register = () =>
      t
        .http()
        .post(VISITOR)
        .set('X-Forwarded-For', `198.51.100.${++ip}`)
        .send({ visitor: { token, name: 'Jane' } });
    expect((await register()).status).toBe(200);
    expect((await register()).status).toBe(200);
    const over = await register();
    expect(over.status).toBe(429);
    expect(over.body.error).toMatch(/\[error-too-many-requests\]$/);
    // Another token from a fresh address is not affected.
    const other = await t
      .http()
      .post(VISITOR)
      .set('X-Forwarded-For', `198.51.100.${++ip}`)
      .send({ visitor: { token: visitorToken() } });
    expect(other.status).toBe(200);
  });
});
