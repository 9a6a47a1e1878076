import { getModelToken } from '@nestjs/mongoose';
import type { Model, mongo } from 'mongoose';
import { Room } from '../../src/livechat/room/room.schema';
import { RoomService } from '../../src/livechat/room/room.service';
import { createTestApp, type TestApp } from '../support/app';
import {
  closedRocketChatRoom,
  rocketChatMessage,
  rocketChatVisitor,
  type Doc,
} from '../support/factories';
import { servingIndex, type DeclaredIndex, type Filter } from '../support/indexes';
import { until } from '../support/webhook-receiver';

const AGENT = { _id: 'agentId0000000001', username: 'agent.smith', name: 'Agent Smith' };
const TRANSCRIPT_REQUEST = {
  email: 'jane@example.com',
  subject: 'Transcript of your livechat conversation',
  requestedAt: new Date('2026-11-01T10:06:00.000Z'),
  requestedBy: { _id: 'visitorId', username: 'guest-1' },
};

/** A visitor with `closed` closed rooms, each holding a message of the visitor and one of the agent. */
async function visitorWithHistory(t: TestApp, messages: mongo.Collection<Doc>, closed = 2) {
  const visitor = rocketChatVisitor();
  const author = { ...visitor, name: 'Jane Visitor' };
  const rooms = Array.from({ length: closed }, () =>
    closedRocketChatRoom(visitor, {
      surveyFeedback: { satisfaction: '5' },
      transcriptRequest: {
        ...TRANSCRIPT_REQUEST,
        requestedBy: { _id: visitor._id, username: visitor.username },
      },
    }),
  );
  await t.visitors.insertOne(visitor);
  await t.rooms.insertMany(rooms);
  await messages.insertMany(
    rooms.flatMap((room) => [
      rocketChatMessage(room._id, author),
      rocketChatMessage(room._id, AGENT, { msg: 'Happy to help, Jane' }),
    ]),
  );
  return { visitor, rooms };
}

describe('erasure beside a Rocket.Chat database', () => {
  let t: TestApp;
  let messages: mongo.Collection<Doc>;

  beforeAll(async () => {
    t = await createTestApp();
    messages = t.db.collection<Doc>('rocketchat_message');
  });
  afterAll(() => t.close());

  const erase = (token: string) => t.http().delete(`/api/v1/livechat/visitor/${token}`);

  it("deletes the messages of the visitor's rooms, as Rocket.Chat does, and only those", async () => {
    const { visitor, rooms } = await visitorWithHistory(t, messages);
    const other = await visitorWithHistory(t, messages, 1);
    const othersMessages = await messages.find({ rid: other.rooms[0]._id }).toArray();
    expect(othersMessages).toHaveLength(2);

    await erase(visitor.token).expect(200);

    expect(await messages.countDocuments({ rid: { $in: rooms.map((r) => r._id) } })).toBe(0);
    expect(await messages.find({ rid: other.rooms[0]._id }).toArray()).toEqual(othersMessages);
  });

  it('removes lastMessage and transcriptRequest from the kept rooms, undeclared fields kept', async () => {
    const { visitor, rooms } = await visitorWithHistory(t, messages, 1);
    await erase(visitor.token).expect(200);
    const kept = await t.rooms.findOne({ _id: rooms[0]._id });
    const {
      fname: _fname,
      customFields: _customFields,
      lastMessage: _lastMessage,
      transcriptRequest: _transcriptRequest,
      ...unchanged
    } = rooms[0];
    expect(kept).toEqual({
      ...unchanged,
      v: { _id: visitor._id, status: 'online' },
      closedBy: { _id: visitor._id },
      _updatedAt: expect.any(Date),
    });
    const text = JSON.stringify(kept);
    for (const personal of [visitor.token, visitor.username, 'Jane', 'jane@example.com', 'A-1001'])
      expect(text).not.toContain(personal);
  });

  it('leaves the other rooms, and their messages, untouched', async () => {
    const other = await visitorWithHistory(t, messages, 1);
    const { visitor } = await visitorWithHistory(t, messages, 1);
    const before = await t.rooms.findOne({ _id: other.rooms[0]._id });
    await erase(visitor.token).expect(200);
    expect(await t.rooms.findOne({ _id: other.rooms[0]._id })).toEqual(before);
  });
});

describe('erasure work is bounded: the same commands for 1 room or 6, over indexed filters', () => {
  let t: TestApp;
  let messages: mongo.Collection<Doc>;

  beforeAll(async () => {
    t = await createTestApp();
    messages = t.db.collection<Doc>('rocketchat_message');
  });
  afterAll(() => t.close());

  const eraseCommands = async (rooms: number) => {
    const { visitor } = await visitorWithHistory(t, messages, rooms);
    return t.captureCommands(() =>
      t.http().delete(`/api/v1/livechat/visitor/${visitor.token}`).expect(200),
    );
  };

  const names = (events: mongo.CommandStartedEvent[]) =>
    events.map((e) => `${e.commandName} ${String(e.command[e.commandName])}`);

  it('sends as many commands for six rooms as for one', async () => {
    const one = names(await eraseCommands(1));
    const six = names(await eraseCommands(6));
    expect(six).toEqual(one);
    expect(six.filter((name) => name === 'update rocketchat_room')).toHaveLength(1);
    expect(six.filter((name) => name === 'delete rocketchat_message')).toHaveLength(1);
  });

  it("filters rooms by v._id and messages by rid, each leading an index declared with Rocket.Chat's name", async () => {
    const events = await eraseCommands(3);
    const filters = (name: string, collection: string): Filter[] =>
      events
        .filter((e) => e.commandName === name && e.command[name] === collection)
        .flatMap((e) => {
          const command = e.command as {
            updates?: Array<{ q: Filter }>;
            deletes?: Array<{ q: Filter }>;
          };
          return (command.updates ?? command.deletes ?? []).map((statement) => statement.q);
        });
    const declared = (token: string) =>
      t.app.get<Model<unknown>>(getModelToken(token)).schema.indexes() as DeclaredIndex[];

    const roomUpdates = filters('update', 'rocketchat_room');
    expect(roomUpdates.length).toBeGreaterThan(0);
    for (const filter of roomUpdates)
      expect(servingIndex(filter, declared(Room.name))).toBe('v._id_1');
    const messageDeletes = filters('delete', 'rocketchat_message');
    expect(messageDeletes).toHaveLength(1);
    expect(servingIndex(messageDeletes[0], declared('Message'))).toBe('rid_1_ts_1__updatedAt_1');

    // Created at start-up on the real collections.
    const roomIndexes = (await t.rooms.indexes()).map((index) => index.name);
    expect(roomIndexes).toContain('v._id_1');
    const messageIndexes = (await messages.indexes()).map((index) => index.name);
    expect(messageIndexes).toContain('rid_1_ts_1__updatedAt_1');
  });
});

describe('erasure racing GET room', () => {
  let t: TestApp;
  let roomService: RoomService;

  beforeAll(async () => {
    t = await createTestApp();
    roomService = t.app.get(RoomService);
  });
  afterEach(() => jest.restoreAllMocks());
  afterAll(() => t.close());

  /**
   * GET room and DELETE visitor for one visitor with a closed room, both past the visitor check
   * (the token guard), waiting for the visitor's turn in the order given: the test holds that
   * turn until both wait for it, then lets go. Each order happens every time, not by chance.
   */
  async function race(first: 'get room' | 'erase') {
    const visitor = rocketChatVisitor();
    await t.visitors.insertOne(visitor);
    await t.rooms.insertOne(closedRocketChatRoom(visitor));
    let letGo!: () => void;
    const held = roomService.whileNoRoomOpens(
      visitor.token,
      () => new Promise<void>((resolve) => (letGo = resolve)),
    );
    const waiting = {
      'get room': jest.spyOn(roomService, 'getOrOpen'),
      erase: jest.spyOn(roomService, 'whileNoRoomOpens'),
    };
    const send = {
      'get room': () => t.http().get('/api/v1/livechat/room').query({ token: visitor.token }),
      erase: () => t.http().delete(`/api/v1/livechat/visitor/${visitor.token}`),
    };
    const answers: Record<string, Promise<{ status: number; text: string }>> = {};
    try {
      for (const request of first === 'erase'
        ? (['erase', 'get room'] as const)
        : (['get room', 'erase'] as const)) {
        answers[request] = send[request]().then((res) => res);
        await until(
          () => waiting[request].mock.calls.length === 1,
          `${request} waiting for its turn`,
        );
      }
    } finally {
      // Also when a request never waits: a turn held for ever would keep the app from closing.
      letGo();
    }
    await held;
    const [room, erased] = await Promise.all([answers['get room'], answers.erase]);
    return {
      room,
      erased,
      disabled: (await t.visitors.findOne({ _id: visitor._id }))!.disabled === true,
      rooms: await t.rooms.find({ 'v._id': visitor._id }).toArray(),
      visitor,
    };
  }

  it('erasure first: GET room, let through before it, opens nothing for the erased visitor (invalid-token)', async () => {
    const { room, erased, disabled, rooms, visitor } = await race('erase');
    expect(erased.status).toBe(200);
    expect(disabled).toBe(true);
    expect([room.status, room.text]).toEqual([400, '{"success":false,"error":"invalid-token"}']);
    expect(rooms).toHaveLength(1);
    expect(rooms.filter((r) => r.open === true)).toEqual([]);
    expect(JSON.stringify(rooms)).not.toContain(visitor.token);
    expect(JSON.stringify(rooms)).not.toContain(visitor.username);
  });

  it('GET room first: the room opens, and the erasure is refused as with any open room', async () => {
    const { room, erased, disabled, rooms } = await race('get room');
    expect(room.status).toBe(200);
    expect(JSON.parse(room.text)).toMatchObject({ newRoom: true, success: true });
    expect([erased.status, erased.text]).toEqual([
      400,
      '{"success":false,"error":"Cannot remove visitors with opened rooms [visitor-has-open-rooms]","errorType":"visitor-has-open-rooms"}',
    ]);
    expect(disabled).toBe(false);
    expect(rooms.filter((r) => r.open === true)).toHaveLength(1);
  });
});
