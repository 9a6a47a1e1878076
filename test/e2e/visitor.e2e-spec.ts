import { createTestApp, type TestApp } from '../support/app';
import {
  closedRocketChatRoom,
  rocketChatRoom,
  rocketChatVisitor,
  visitorToken,
} from '../support/factories';

const VISITOR = '/api/v1/livechat/visitor';

// Rocket.Chat's departments, as its administration creates them.
const SALES = { _id: 'deptSales00000001', name: 'Sales', enabled: true };
const SUPPORT = { _id: 'deptSupport000001', name: 'Support', enabled: true };

describe('POST /api/v1/livechat/visitor', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    await t.db.collection(t.config.collections.departments).insertMany([SALES, SUPPORT] as never[]);
  });
  afterAll(() => t.close());

  const register = (body: unknown) =>
    t
      .http()
      .post(VISITOR)
      .send(body as object);

  it('registers a new visitor as guest-N in Rocket.Chat shape, the first being guest-2', async () => {
    const token = visitorToken();
    const res = await register({
      visitor: {
        token,
        name: 'Ada',
        email: ' Ada@Example.COM ',
        phone: '+15550100',
        department: SALES._id,
        customFields: [{ key: 'plan', value: 'gold', overwrite: true }],
      },
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json');
    expect(Object.keys(res.body)).toEqual(['visitor', 'success']);
    expect(res.body.success).toBe(true);
    const stored = await t.visitors.findOne({ token });
    expect(stored).toEqual({
      _id: expect.stringMatching(/^[23456789ABCDEFGHJKLMNPQRSTWXYZabcdefghijkmnopqrstuvwxyz]{17}$/),
      token,
      username: 'guest-2',
      name: 'Ada',
      visitorEmails: [{ address: 'ada@example.com' }],
      phone: [{ phoneNumber: '+15550100' }],
      department: SALES._id,
      livechatData: { plan: 'gold' },
      status: 'online',
      ts: expect.any(Date),
      _updatedAt: expect.any(Date),
    });
    expect(res.body.visitor).toEqual(JSON.parse(JSON.stringify(stored)));
    expect(
      (await t.db
        .collection('rocketchat_settings')
        .findOne({ _id: 'Livechat_guest_count' as never }))!.value,
    ).toBe(2);
  });

  it('re-registration updates the same visitor: same _id, same username, overwrite respected', async () => {
    const token = visitorToken();
    const first = await register({
      visitor: {
        token,
        name: 'Bo',
        customFields: [{ key: 'plan', value: 'free', overwrite: true }],
      },
    });
    const second = await register({
      visitor: {
        token,
        name: 'Bo Renamed',
        username: 'ignored-on-update',
        customFields: [
          { key: 'plan', value: 'gold', overwrite: false },
          { key: 'city', value: 'Lyon', overwrite: false },
        ],
      },
    });
    expect(second.status).toBe(200);
    expect(second.body.visitor._id).toBe(first.body.visitor._id);
    expect(second.body.visitor.username).toBe(first.body.visitor.username);
    expect(second.body.visitor.name).toBe('Bo Renamed');
    expect(second.body.visitor.livechatData).toEqual({ plan: 'free', city: 'Lyon' });
    expect(await t.visitors.countDocuments({ token })).toBe(1);
  });

  it('keeps a username the client chose for a new visitor', async () => {
    const res = await register({ visitor: { token: visitorToken(), username: 'jane.doe' } });
    expect(res.body.visitor.username).toBe('jane.doe');
  });

  it("updates the visitor's copy in their open rooms, and leaves closed rooms alone", async () => {
    const visitor = rocketChatVisitor({ name: 'Old Name' });
    const open = rocketChatRoom(visitor, { fname: 'Old Name' });
    const closed = closedRocketChatRoom(visitor, { fname: 'Old Name' });
    await t.visitors.insertOne(visitor);
    await t.rooms.insertMany([open, closed]);
    await register({ visitor: { token: visitor.token, name: 'New Name' } }).expect(200);
    const openAfter = await t.rooms.findOne({ _id: open._id });
    expect(openAfter).toMatchObject({
      fname: 'New Name',
      v: { _id: visitor._id, username: visitor.username, token: visitor.token },
    });
    expect(openAfter).toMatchObject({ msgs: open.msgs, servedBy: open.servedBy, tags: open.tags });
    expect((await t.rooms.findOne({ _id: closed._id }))!.fname).toBe('Old Name');
    // A visitor inserted in Rocket.Chat's raw shape keeps every field it does not own.
    const stored = await t.visitors.findOne({ _id: visitor._id });
    expect(stored).toMatchObject({
      lastChat: visitor.lastChat,
      userAgent: visitor.userAgent,
      ip: visitor.ip,
    });
  });

  it('stores a new custom field named like an Object.prototype member, overwrite false', async () => {
    const visitor = rocketChatVisitor({ livechatData: { plan: 'gold' } });
    await t.visitors.insertOne(visitor);
    const customFields = ['toString', 'constructor', 'hasOwnProperty'].map((key) => ({
      key,
      value: `${key} value`,
      overwrite: false,
    }));
    const res = await register({ visitor: { token: visitor.token, customFields } });
    expect(res.body.visitor.livechatData).toEqual({
      plan: 'gold',
      toString: 'toString value',
      constructor: 'constructor value',
      hasOwnProperty: 'hasOwnProperty value',
    });
  });

  it('ignores custom field keys that cannot be stored as a key', async () => {
    const res = await register({
      visitor: {
        token: visitorToken(),
        customFields: [
          { key: 'a.b', value: 'x', overwrite: true },
          { key: '$where', value: 'x', overwrite: true },
          { key: 'ok', value: 'y', overwrite: true },
        ],
      },
    });
    expect(res.body.visitor.livechatData).toEqual({ ok: 'y' });
  });

  it.each([
    ['{}', "Match error: Missing key 'visitor'"],
    ['{"visitor":{}}', "Match error: Missing key 'token' in field visitor"],
    ['{"visitor":{"token":"t"},"foo":1}', 'Match error: Unknown key in field foo'],
    ['{"visitor":{"token":5}}', 'Match error: Expected string, got number in field visitor.token'],
    [
      '{"visitor":{"token":"t","name":5}}',
      'Match error: Expected string, got number in field visitor.name',
    ],
    [
      '{"visitor":{"token":"t","email":null}}',
      'Match error: Expected string, got null in field visitor.email',
    ],
    ['{"visitor":"t"}', 'Match error: Expected object, got string in field visitor'],
    [
      '{"visitor":{"token":"t","customFields":[{"key":"a","value":"b"}]}}',
      "Match error: Missing key 'overwrite' in field visitor.customFields[0]",
    ],
    ['[]', 'Match error: Expected plain object'],
    ['not json', "Match error: Missing key 'visitor'"],
  ])('answers %s with the plain Match error %j and stores nothing', async (raw, error) => {
    const before = await t.visitors.countDocuments();
    const res = await t.http().post(VISITOR).set('Content-Type', 'application/json').send(raw);
    expect(res.status).toBe(400);
    expect(res.text).toBe(JSON.stringify({ success: false, error }));
    expect(await t.visitors.countDocuments()).toBe(before);
  });

  it("stores a department named by its name as the department's _id: its rooms are that department's", async () => {
    const token = visitorToken();
    const res = await register({ visitor: { token, department: 'Sales' } });
    expect(res.status).toBe(200);
    expect(res.body.visitor.department).toBe(SALES._id);
    expect((await t.visitors.findOne({ token }))!.department).toBe(SALES._id);
    // What reports group by, and webhooks carry: the department's _id, never the text sent.
    const room = await t.http().get('/api/v1/livechat/room').query({ token }).expect(200);
    expect(room.body.room.departmentId).toBe(SALES._id);
  });

  it('keeps the _id when the same department comes again, by name or by _id; another one replaces it', async () => {
    const token = visitorToken();
    for (const department of ['Sales', SALES._id, 'Sales']) {
      const res = await register({ visitor: { token, department } });
      expect(res.body.visitor.department).toBe(SALES._id);
    }
    const res = await register({ visitor: { token, department: 'Support' } });
    expect(res.body.visitor.department).toBe(SUPPORT._id);
    expect(await t.visitors.countDocuments({ token })).toBe(1);
  });

  it('answers an unknown department with error-invalid-department, and stores nothing', async () => {
    const known = rocketChatVisitor({ department: SALES._id });
    await t.visitors.insertOne(known);
    const guestCount = () =>
      t.db.collection('rocketchat_settings').findOne({ _id: 'Livechat_guest_count' as never });
    const countBefore = await guestCount();
    const visitorsBefore = await t.visitors.countDocuments();
    // A new visitor, an existing one, and a name differing only in case (names match exactly).
    for (const visitor of [
      { token: visitorToken(), name: 'New', department: 'Marketing' },
      { token: known.token, name: 'Renamed', department: 'Marketing' },
      { token: known.token, department: 'sales' },
    ]) {
      const res = await register({ visitor });
      expect(res.status).toBe(400);
      expect(res.text).toBe('{"success":false,"error":"error-invalid-department"}');
    }
    expect(await t.visitors.countDocuments()).toBe(visitorsBefore);
    expect(await t.visitors.findOne({ _id: known._id })).toEqual(known);
    expect(await guestCount()).toEqual(countBefore);
  });

  it('answers a blank token with error-invalid-token and its details', async () => {
    for (const token of ['', '   ']) {
      const res = await register({ visitor: { token } });
      expect(res.status).toBe(400);
      expect(res.text).toBe(
        '{"success":false,"error":"Token cannot be empty [error-invalid-token]","errorType":"error-invalid-token","details":{"method":"livechat/visitor"}}',
      );
    }
  });

  it('gives 50 concurrent new visitors 50 distinct guest-N usernames', async () => {
    const responses = await Promise.all(
      Array.from({ length: 50 }, () => register({ visitor: { token: visitorToken() } })),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(200));
    const usernames = responses.map((r) => r.body.visitor.username as string);
    expect(new Set(usernames).size).toBe(50);
    usernames.forEach((name) => expect(name).toMatch(/^guest-\d+$/));
  });

  it('ends 10 concurrent first registrations of one token as one visitor', async () => {
    const token = visitorToken();
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => register({ visitor: { token } })),
    );
    expect(new Set(responses.map((r) => r.body.visitor._id)).size).toBe(1);
    expect(await t.visitors.countDocuments({ token })).toBe(1);
  });
});

describe('GET and DELETE /api/v1/livechat/visitor/:token', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const INVALID_TOKEN = '{"success":false,"error":"[invalid-token]","errorType":"invalid-token"}';

  it('returns the whole visitor document for its token', async () => {
    const visitor = rocketChatVisitor();
    await t.visitors.insertOne(visitor);
    const res = await t.http().get(`/api/v1/livechat/visitor/${visitor.token}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ visitor: JSON.parse(JSON.stringify(visitor)), success: true });
  });

  it('answers [invalid-token] for an unknown token, without echoing it', async () => {
    for (const method of ['get', 'delete'] as const) {
      const res = await t.http()[method]('/api/v1/livechat/visitor/secret-unknown-token');
      expect(res.status).toBe(400);
      expect(res.text).toBe(INVALID_TOKEN);
    }
  });

  it('refuses to erase a visitor with an open room, and changes nothing', async () => {
    const visitor = rocketChatVisitor();
    const room = rocketChatRoom(visitor);
    await t.visitors.insertOne(visitor);
    await t.rooms.insertOne(room);
    const res = await t.http().delete(`/api/v1/livechat/visitor/${visitor.token}`);
    expect(res.status).toBe(400);
    expect(res.text).toBe(
      '{"success":false,"error":"Cannot remove visitors with opened rooms [visitor-has-open-rooms]","errorType":"visitor-has-open-rooms"}',
    );
    expect(await t.visitors.findOne({ _id: visitor._id })).toEqual(visitor);
    expect(await t.rooms.findOne({ _id: room._id })).toEqual(room);
  });

  it('erases: visitor disabled without personal data, rooms anonymised with survey kept, token dead', async () => {
    const visitor = rocketChatVisitor();
    const room = closedRocketChatRoom(visitor, {
      surveyFeedback: { satisfaction: '5' },
      livechatData: { orderId: '1' },
    });
    const agentClosed = closedRocketChatRoom(visitor, {
      closer: 'user',
      closedBy: { _id: 'agentId0000000001', username: 'agent.smith' },
    });
    await t.visitors.insertOne(visitor);
    await t.rooms.insertMany([room, agentClosed]);

    const res = await t.http().delete(`/api/v1/livechat/visitor/${visitor.token}`);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual(['visitor', 'success']);
    expect(res.body.visitor).toEqual({ _id: visitor._id, ts: expect.any(String) });
    expect(Math.abs(Date.parse(res.body.visitor.ts) - Date.now())).toBeLessThan(60_000);

    const erased = await t.visitors.findOne({ _id: visitor._id });
    expect(erased).toEqual({
      _id: visitor._id,
      disabled: true,
      ts: visitor.ts,
      _updatedAt: expect.any(Date),
      status: visitor.status,
      department: visitor.department,
      lastChat: visitor.lastChat,
    });

    const anonymised = await t.rooms.findOne({ _id: room._id });
    expect(anonymised).toMatchObject({
      surveyFeedback: { satisfaction: '5' },
      closer: 'visitor',
      v: { _id: visitor._id },
    });
    expect(anonymised!.v).toEqual({ _id: visitor._id, status: 'online' });
    expect(anonymised!.closedBy).toEqual({ _id: visitor._id });
    for (const field of ['fname', 'livechatData', 'customFields'])
      expect(anonymised).not.toHaveProperty(field);
    expect((await t.rooms.findOne({ _id: agentClosed._id }))!.closedBy).toEqual({
      _id: 'agentId0000000001',
      username: 'agent.smith',
    });
    expect(JSON.stringify(await t.rooms.find({ 'v._id': visitor._id }).toArray())).not.toContain(
      visitor.token,
    );

    await t.http().get(`/api/v1/livechat/visitor/${visitor.token}`).expect(400);
    const survey = await t
      .http()
      .post('/api/v1/livechat/room.survey')
      .send({ rid: room._id, token: visitor.token, data: [{ name: 'satisfaction', value: '1' }] });
    expect(survey.body.error).toBe('[invalid-token]');
    const roomRes = await t.http().get('/api/v1/livechat/room').query({ token: visitor.token });
    expect(roomRes.text).toBe('{"success":false,"error":"invalid-token"}');
  });
});

describe('DELETE visitor with VISITOR_ERASE_CLOSES_OPEN_ROOMS=true', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ VISITOR_ERASE_CLOSES_OPEN_ROOMS: 'true' });
  });
  afterAll(() => t.close());

  it('closes the open rooms first, then erases', async () => {
    const visitor = rocketChatVisitor();
    const room = rocketChatRoom(visitor);
    await t.visitors.insertOne(visitor);
    await t.rooms.insertOne(room);
    await t.http().delete(`/api/v1/livechat/visitor/${visitor.token}`).expect(200);
    const closed = await t.rooms.findOne({ _id: room._id });
    expect(closed).not.toHaveProperty('open');
    expect(closed).toMatchObject({
      closer: 'visitor',
      closedBy: { _id: visitor._id },
      closedAt: expect.any(Date),
    });
    expect((await t.visitors.findOne({ _id: visitor._id }))!.disabled).toBe(true);
  });
});
