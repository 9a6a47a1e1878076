import { createTestApp, type TestApp } from '../support/app';
import { rocketChatRoom, rocketChatVisitor } from '../support/factories';

const SURVEY = '/api/v1/livechat/room.survey';

const invalidParams = (message: string) => ({
  success: false,
  error: `${message} [invalid-params]`,
  errorType: 'invalid-params',
});

/** The vectors of shared/api/room.survey-params.md: raw body text → Rocket.Chat's message. */
const REJECTED: Array<[string, string, string]> = [
  ['body a JSON array', '[]', 'must be object'],
  ['body JSON null', 'null', "must have required property 'token'"],
  ['body JSON 5', '5', "must have required property 'token'"],
  ['body JSON "x"', '"x"', "must have required property 'token'"],
  ['body JSON true', 'true', "must have required property 'token'"],
  ['malformed JSON', '{"token": "t", "rid": ', "must have required property 'token'"],
  ['empty body', '', "must have required property 'token'"],
  ['empty object', '{}', "must have required property 'token'"],
  ['unknown key only', '{"extra":1}', "must have required property 'token'"],
  ['token only', '{"token":"t"}', "must have required property 'rid'"],
  ['token and rid', '{"token":"t","rid":"r"}', "must have required property 'data'"],
  ['wrong type and a missing key', '{"token":{},"rid":"r"}', "must have required property 'data'"],
  [
    'wrong type and an unknown key',
    '{"token":{},"rid":"r","data":[{"name":"a","value":"b"}],"extra":1}',
    'must NOT have additional properties',
  ],
  [
    'empty data and an unknown key',
    '{"token":"t","rid":"r","data":[],"extra":1}',
    'must NOT have additional properties',
  ],
  [
    'rid an object',
    '{"token":"t","rid":{"a":1},"data":[{"name":"a","value":"b"}]}',
    'must be string',
  ],
  [
    'token an array',
    '{"token":["t"],"rid":"r","data":[{"name":"a","value":"b"}]}',
    'must be string',
  ],
  ['data empty', '{"token":"t","rid":"r","data":[]}', 'must NOT have fewer than 1 items'],
  ['data a string', '{"token":"t","rid":"r","data":"x"}', 'must be array'],
  ['data null', '{"token":"t","rid":"r","data":null}', 'must be array'],
  ['data an object', '{"token":"t","rid":"r","data":{"name":"a","value":"b"}}', 'must be array'],
  ['item not an object', '{"token":"t","rid":"r","data":["x"]}', 'must be object'],
  [
    'item without value',
    '{"token":"t","rid":"r","data":[{"name":"a"}]}',
    "must have required property 'value'",
  ],
  [
    'item without name and value',
    '{"token":"t","rid":"r","data":[{}]}',
    "must have required property 'name'",
  ],
  [
    'item with an unknown key',
    '{"token":"t","rid":"r","data":[{"name":"a","value":"b","c":1}]}',
    'must NOT have additional properties',
  ],
  ['value an object', '{"token":"t","rid":"r","data":[{"name":"a","value":{}}]}', 'must be string'],
  [
    'value an array',
    '{"token":"t","rid":"r","data":[{"name":"a","value":["1"]}]}',
    'must be string',
  ],
  [
    'second item bad',
    '{"token":"t","rid":"r","data":[{"name":"a","value":"1"},{"name":"b"}]}',
    "must have required property 'value'",
  ],
  [
    'an operator object as the token',
    '{"token":{"$ne":null},"rid":"r","data":[{"name":"a","value":"1"}]}',
    'must be string',
  ],
  [
    'an own __proto__ key',
    '{"token":"t","rid":"r","data":[{"name":"a","value":"1"}],"__proto__":{"x":1}}',
    'must NOT have additional properties',
  ],
];

/** Bodies Rocket.Chat accepts after coercion: they go on to the token check. */
const COERCED: Array<[string, string]> = [
  ['rid a number', '{"token":"t","rid":12,"data":[{"name":"a","value":"b"}]}'],
  ['value the number 5', '{"token":"t","rid":"r","data":[{"name":"satisfaction","value":5}]}'],
  ['value true', '{"token":"t","rid":"r","data":[{"name":"a","value":true}]}'],
  ['value null', '{"token":"t","rid":"r","data":[{"name":"a","value":null}]}'],
  ['token null', '{"token":null,"rid":"r","data":[{"name":"a","value":"1"}]}'],
  ['name a number', '{"token":"t","rid":"r","data":[{"name":1,"value":"1"}]}'],
];

describe('room.survey params, judged as Rocket.Chat judges them', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const post = (raw: string, contentType = 'application/json') =>
    t.http().post(SURVEY).set('Content-Type', contentType).send(raw);

  it.each(REJECTED)('%s: %s → %s', async (_case, raw, message) => {
    const commands = await t.countCommands(async () => {
      const res = await post(raw);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toBe('application/json');
      expect(res.text).toBe(JSON.stringify(invalidParams(message)));
    });
    // Nothing is read from or written to the database for an invalid request.
    expect(commands).toEqual([]);
  });

  it.each(COERCED)('%s: %s is valid and goes on to the token check', async (_case, raw) => {
    const res = await post(raw);
    expect(res.status).toBe(400);
    expect(res.text).toBe(
      '{"success":false,"error":"[invalid-token]","errorType":"invalid-token"}',
    );
  });

  it.each([
    ['text/plain', 'text/plain'],
    ['form-encoded', 'application/x-www-form-urlencoded'],
    ['no content type', ''],
  ])('reads a valid body sent as %s as {}', async (_case, contentType) => {
    const raw = '{"token":"t","rid":"r","data":[{"name":"a","value":"b"}]}';
    const req = t.http().post(SURVEY);
    if (contentType) req.set('Content-Type', contentType);
    const res = await req.send(raw);
    expect(res.status).toBe(400);
    expect(res.body).toEqual(invalidParams("must have required property 'token'"));
  });

  it('reads JSON sent with a charset or a vendor JSON type containing application/json', async () => {
    for (const type of ['application/json', 'application/json-patch+json']) {
      const res = await post('{"token":"t","rid":"r","data":[]}', type);
      expect(res.body).toEqual(invalidParams('must NOT have fewer than 1 items'));
    }
  });

  it('echoes coerced values on success', async () => {
    const visitor = rocketChatVisitor();
    const room = rocketChatRoom(visitor, { _id: '12' });
    await t.visitors.insertOne(visitor);
    await t.rooms.insertOne(room);
    const res = await post(
      JSON.stringify({ token: visitor.token, rid: 12, data: [{ name: 'satisfaction', value: 5 }] }),
    );
    expect(res.status).toBe(200);
    expect(res.text).toBe('{"rid":"12","data":{"satisfaction":"5"},"success":true}');
  });
});
