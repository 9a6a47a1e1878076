import { createTestApp, type TestApp } from '../support/app';
import { visitorToken } from '../support/factories';
import { startService, type RunningService } from '../support/service';

/** JSON text of `depth` arrays nested in one another: `[[[…]]]`, 2 bytes a level. */
const nestedArrays = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
/** The same with objects: `{"a":{"a":…{}}}`. */
const nestedObjects = (depth: number) => `${'{"a":'.repeat(depth)}{}${'}'.repeat(depth)}`;

const DEEP = 60_000;
const VISITOR = '/api/v1/livechat/visitor';
const matchError = (error: string) => JSON.stringify({ success: false, error });
const CUSTOM_FIELDS_NOT_ARRAY = matchError(
  'Match error: Expected array, got object in field visitor.customFields',
);

/** A POST visitor body whose customFields is the JSON text given. */
const visitorBody = (customFields: string) =>
  `{"visitor":{"token":"${visitorToken()}","customFields":${customFields}}}`;

describe('deep input: every check answers its 400, never a 500', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const post = (path: string, raw: string) =>
    t.http().post(path).set('Content-Type', 'application/json').send(raw);

  it.each([
    ['{"a": <60,000 nested arrays>}', `{"a":${nestedArrays(DEEP)}}`],
    ['{"key":"k","value": <60,000 nested arrays>}', `{"key":"k","value":${nestedArrays(DEEP)}}`],
    ['{"a": <60,000 nested objects>}', `{"a":${nestedObjects(DEEP)}}`],
    ['{"a": <450,000 nested arrays>} (900 KB, under BODY_LIMIT)', `{"a":${nestedArrays(450_000)}}`],
  ])(
    'POST visitor with customFields %s: the Match error, the value described by its type',
    async (_name, customFields) => {
      const before = await t.visitors.countDocuments();
      const res = await post(VISITOR, visitorBody(customFields));
      expect(res.status).toBe(400);
      expect(res.text).toBe(CUSTOM_FIELDS_NOT_ARRAY);
      expect(await t.visitors.countDocuments()).toBe(before);
    },
  );

  it.each([
    [
      'customFields: [<deep>]',
      `[${nestedArrays(DEEP)}]`,
      'Match error: Expected plain object in field visitor.customFields[0]',
    ],
    [
      'a custom field value',
      `[{"key":"k","value":${nestedArrays(DEEP)},"overwrite":true}]`,
      'Match error: Expected string, got object in field visitor.customFields[0].value',
    ],
  ])('POST visitor with %s 60,000 levels deep: its Match error', async (_name, fields, error) => {
    const res = await post(VISITOR, visitorBody(fields));
    expect(res.status).toBe(400);
    expect(res.text).toBe(matchError(error));
  });

  it.each([
    ['the body', nestedArrays(DEEP), 'Match error: Expected plain object'],
    [
      'visitor.token',
      `{"visitor":{"token":${nestedObjects(DEEP)}}}`,
      'Match error: Expected string, got object in field visitor.token',
    ],
    [
      'an unknown key',
      `{"visitor":{"token":"t"},"x":${nestedArrays(DEEP)}}`,
      'Match error: Unknown key in field x',
    ],
  ])('POST visitor with %s 60,000 levels deep: its Match error', async (_name, raw, error) => {
    const res = await post(VISITOR, raw);
    expect(res.status).toBe(400);
    expect(res.text).toBe(matchError(error));
  });

  it("keeps Meteor's wording, the value printed, up to 100 levels; deeper, its type", async () => {
    const shallow = await post(VISITOR, visitorBody(`{"a":[[1]],"b":"x"}`));
    expect(shallow.text).toBe(
      matchError(
        'Match error: Expected array, got {"a":[[1]],"b":"x"} in field visitor.customFields',
      ),
    );
    // customFields itself is the first level.
    const at100 = `{"a":${nestedArrays(99)}}`;
    expect((await post(VISITOR, visitorBody(at100))).text).toBe(
      matchError(`Match error: Expected array, got ${at100} in field visitor.customFields`),
    );
    const at101 = `{"a":${nestedArrays(100)}}`;
    expect((await post(VISITOR, visitorBody(at101))).text).toBe(CUSTOM_FIELDS_NOT_ARRAY);
  });

  it.each(['/api/v1/livechat/room.survey', '/api/v1/livechat/room.close'])(
    '%s answers invalid-params for 60,000-deep values in every field',
    async (path) => {
      const deep = nestedArrays(DEEP);
      const data = path.endsWith('survey') ? ',"data":[]' : '';
      const bodies = [
        [deep, 'must be object'],
        [`{"token":${deep},"rid":"r"${data}}`, 'must be string'],
        [`{"token":"t","rid":${nestedObjects(DEEP)}${data}}`, 'must be string'],
      ];
      if (data) {
        bodies.push([`{"token":"t","rid":"r","data":[${deep}]}`, 'must be object']);
        bodies.push([
          `{"token":"t","rid":"r","data":[{"name":"a","value":${deep}}]}`,
          'must be string',
        ]);
      }
      for (const [raw, message] of bodies) {
        const res = await post(path, raw);
        expect(res.status).toBe(400);
        expect(res.body).toEqual({
          success: false,
          error: `${message} [invalid-params]`,
          errorType: 'invalid-params',
        });
      }
    },
  );

  it('GET room with deeply bracketed query keys: the Match error on the key as sent', async () => {
    const key = `token${'[a]'.repeat(2000)}`;
    const res = await t.http().get(`/api/v1/livechat/room?${key}=x&token=t`);
    expect(res.status).toBe(400);
    expect(res.text).toBe(matchError(`Match error: Unknown key in field ${key}`));
  });
});

describe('deep input against the built service (node dist/main.js)', () => {
  let service: RunningService;

  beforeAll(async () => {
    service = await startService({
      MONGODB_URI: `${process.env.TEST_MONGODB_URL!.replace(/\/$/, '')}/deep_${process.pid}`,
      LOG_LEVEL: 'silent',
    });
  });
  afterAll(async () => {
    expect(await service.stop()).toBe(0);
  });

  it.each([
    ['{"a": <60,000 nested arrays>}', `{"a":${nestedArrays(DEEP)}}`],
    ['{"key":"k","value": <60,000 nested arrays>}', `{"key":"k","value":${nestedArrays(DEEP)}}`],
  ])('POST visitor with customFields %s (a 120 KB body) answers 400', async (_name, fields) => {
    const res = await fetch(`${service.url}${VISITOR}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: visitorBody(fields),
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toBe(CUSTOM_FIELDS_NOT_ARRAY);
  });
});
