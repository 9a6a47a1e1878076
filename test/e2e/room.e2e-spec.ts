import { createTestApp, type TestApp } from '../support/app';
import { closedRocketChatRoom, rocketChatRoom, rocketChatVisitor } from '../support/factories';

const ROOM = '/api/v1/livechat/room';
const CLOSE = '/api/v1/livechat/room.close';

describe('GET /api/v1/livechat/room', () => {
  let t: TestApp;
  let visitor: ReturnType<typeof rocketChatVisitor>;

  beforeAll(async () => {
    t = await createTestApp();
    await t.db.collection('users').insertMany([
      {
        _id: 'agent00000000001' as never,
        username: 'agent.one',
        roles: ['user', 'livechat-agent'],
      },
      { _id: 'user000000000001' as never, username: 'not.an.agent', roles: ['user'] },
    ]);
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    visitor = rocketChatVisitor();
    await t.visitors.insertOne(visitor);
  });

  const getRoom = (query: Record<string, string>) => t.http().get(ROOM).query(query);

  it('opens a new livechat room in Rocket.Chat shape, then returns it again', async () => {
    const res = await getRoom({ token: visitor.token });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual(['room', 'newRoom', 'success']);
    expect(res.body.newRoom).toBe(true);
    const stored = await t.rooms.findOne({ _id: res.body.room._id });
    expect(stored).toMatchObject({
      _id: expect.stringMatching(/^[23456789ABCDEFGHJKLMNPQRSTWXYZabcdefghijkmnopqrstuvwxyz]{17}$/),
      t: 'l',
      open: true,
      fname: visitor.name,
      departmentId: visitor.department,
      v: { _id: visitor._id, username: visitor.username, token: visitor.token, status: 'online' },
      ts: expect.any(Date),
      _updatedAt: expect.any(Date),
    });
    expect(stored).not.toHaveProperty('servedBy');
    expect(res.body.room).toEqual(JSON.parse(JSON.stringify(stored)));

    const again = await getRoom({ token: visitor.token });
    expect(again.body).toEqual({ room: res.body.room, newRoom: false, success: true });
  });

  it('serves a new room by agentId only when that user is a livechat agent', async () => {
    const served = await getRoom({ token: visitor.token, agentId: 'agent00000000001' });
    expect(served.body.room.servedBy).toEqual({
      _id: 'agent00000000001',
      username: 'agent.one',
      ts: expect.any(String),
    });
    const other = rocketChatVisitor();
    await t.visitors.insertOne(other);
    const unserved = await getRoom({ token: other.token, agentId: 'user000000000001' });
    expect(unserved.body.newRoom).toBe(true);
    expect(unserved.body.room).not.toHaveProperty('servedBy');
  });

  it('with rid: that open room of the visitor, else plain invalid-room', async () => {
    const open = rocketChatRoom(visitor);
    const closed = closedRocketChatRoom(visitor);
    const other = rocketChatVisitor();
    const othersRoom = rocketChatRoom(other);
    await t.rooms.insertMany([open, closed, othersRoom]);
    const res = await getRoom({ token: visitor.token, rid: open._id });
    expect(res.body).toEqual({
      room: JSON.parse(JSON.stringify(open)),
      newRoom: false,
      success: true,
    });
    for (const rid of [closed._id, othersRoom._id, 'noSuchRoomId00001']) {
      const refused = await getRoom({ token: visitor.token, rid });
      expect(refused.status).toBe(400);
      expect(refused.text).toBe('{"success":false,"error":"invalid-room"}');
    }
  });

  it('answers plain invalid-token for an unknown token, and creates nothing', async () => {
    const before = await t.rooms.countDocuments();
    const res = await getRoom({ token: 'secret-unknown' });
    expect(res.status).toBe(400);
    expect(res.text).toBe('{"success":false,"error":"invalid-token"}');
    expect(await t.rooms.countDocuments()).toBe(before);
  });

  it.each([
    ['', "Match error: Missing key 'token'"],
    ['?rid=x', "Match error: Missing key 'token'"],
    ['?token=a&foo=1', 'Match error: Unknown key in field foo'],
    ['?token=a&token=b', 'Match error: Expected string, got object in field token'],
    ['?token=a&rid=1&rid=2', 'Match error: Expected string, got object in field rid'],
  ])('answers GET room%s with the plain Match error %j', async (query, error) => {
    const res = await t.http().get(`${ROOM}${query}`);
    expect(res.status).toBe(400);
    expect(res.text).toBe(JSON.stringify({ success: false, error }));
  });

  it('leaves exactly one open room when 20 calls race for a new visitor', async () => {
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => getRoom({ token: visitor.token })),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(responses.filter((r) => r.body.newRoom === true)).toHaveLength(1);
    expect(new Set(responses.map((r) => r.body.room._id)).size).toBe(1);
    expect(await t.rooms.countDocuments({ 'v.token': visitor.token, open: true })).toBe(1);
  });
});

describe('POST /api/v1/livechat/room.close', () => {
  let t: TestApp;
  let visitor: ReturnType<typeof rocketChatVisitor>;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    visitor = rocketChatVisitor();
    await t.visitors.insertOne(visitor);
  });

  const close = (body: unknown) =>
    t
      .http()
      .post(CLOSE)
      .send(body as object);

  it("closes a raw Rocket.Chat room with Rocket.Chat's closing fields, keeping everything else", async () => {
    const room = rocketChatRoom(visitor, {
      ts: new Date(Date.now() - 90_000),
      metrics: { v: { lq: new Date() } },
    });
    await t.rooms.insertOne(room);
    const res = await close({ rid: room._id, token: visitor.token });
    expect(res.status).toBe(200);
    expect(res.text).toBe(`{"rid":"${room._id}","comment":"Closed by visitor","success":true}`);
    const stored = (await t.rooms.findOne({ _id: room._id }))!;
    const { open: _open, _updatedAt: _u, metrics, ...untouched } = room;
    expect(stored).toEqual({
      ...untouched,
      closedAt: expect.any(Date),
      closedBy: { _id: visitor._id, username: visitor.username },
      closer: 'visitor',
      metrics: { ...(metrics as object), chatDuration: expect.any(Number) },
      _updatedAt: expect.any(Date),
    });
    expect((stored.metrics as { chatDuration: number }).chatDuration).toBeGreaterThanOrEqual(90);
    expect((stored.metrics as { chatDuration: number }).chatDuration).toBeLessThan(200);
  });

  it('answers plain room-closed for a closed room, invalid-room for another visitor, invalid-token', async () => {
    const closed = closedRocketChatRoom(visitor);
    const othersRoom = rocketChatRoom(rocketChatVisitor());
    await t.rooms.insertMany([closed, othersRoom]);
    const cases: Array<[object, string]> = [
      [{ rid: closed._id, token: visitor.token }, '{"success":false,"error":"room-closed"}'],
      [{ rid: othersRoom._id, token: visitor.token }, '{"success":false,"error":"invalid-room"}'],
      [
        { rid: 'noSuchRoomId00001', token: visitor.token },
        '{"success":false,"error":"invalid-room"}',
      ],
      [
        { rid: othersRoom._id, token: 'secret-unknown' },
        '{"success":false,"error":"invalid-token"}',
      ],
    ];
    for (const [body, text] of cases) {
      const res = await close(body);
      expect(res.status).toBe(400);
      expect(res.text).toBe(text);
    }
    expect(await t.rooms.findOne({ _id: othersRoom._id })).toEqual(othersRoom);
  });

  it.each([
    ['{}', "must have required property 'token'"],
    ['{"token":"t"}', "must have required property 'rid'"],
    ['{"token":"t","rid":"r","data":[]}', 'must NOT have additional properties'],
    ['{"token":{},"rid":"r"}', 'must be string'],
    ['[]', 'must be object'],
    ['oops', "must have required property 'token'"],
  ])('answers %s with invalid-params: %s', async (raw, message) => {
    const res = await t.http().post(CLOSE).set('Content-Type', 'application/json').send(raw);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      success: false,
      error: `${message} [invalid-params]`,
      errorType: 'invalid-params',
    });
  });

  it('keeps both a close and a survey racing on one room, 50 rounds', async () => {
    for (let round = 0; round < 50; round++) {
      const room = rocketChatRoom(visitor);
      await t.rooms.insertOne(room);
      const value = String((round % 5) + 1);
      const [closed, surveyed] = await Promise.all([
        close({ rid: room._id, token: visitor.token }),
        t
          .http()
          .post('/api/v1/livechat/room.survey')
          .send({ rid: room._id, token: visitor.token, data: [{ name: 'satisfaction', value }] }),
      ]);
      expect([closed.status, surveyed.status]).toEqual([200, 200]);
      const stored = (await t.rooms.findOne({ _id: room._id }))!;
      expect(stored).not.toHaveProperty('open');
      expect(stored).toMatchObject({ closer: 'visitor', surveyFeedback: { satisfaction: value } });
    }
  });
});

describe('room.close when visitors may not close', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    await t.db.collection('rocketchat_settings').insertOne({
      _id: 'Omnichannel_allow_visitors_to_close_conversation' as never,
      value: false,
    });
  });
  afterAll(() => t.close());

  it('answers plain error-not-allowed-to-close-conversation after params, before the token', async () => {
    const visitor = rocketChatVisitor();
    const room = rocketChatRoom(visitor);
    await t.visitors.insertOne(visitor);
    await t.rooms.insertOne(room);
    for (const token of [visitor.token, 'secret-unknown']) {
      const res = await t.http().post(CLOSE).send({ rid: room._id, token });
      expect(res.status).toBe(400);
      expect(res.text).toBe('{"success":false,"error":"error-not-allowed-to-close-conversation"}');
    }
    const params = await t.http().post(CLOSE).send({ rid: room._id });
    expect(params.body.errorType).toBe('invalid-params');
    expect((await t.rooms.findOne({ _id: room._id }))!.open).toBe(true);
  });
});
