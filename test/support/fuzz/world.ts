import { randomId } from '../../../src/common/random-id';
import type { TestApp } from '../app';
import {
  closedRocketChatRoom,
  rocketChatRoom,
  rocketChatVisitor,
  visitorToken,
} from '../factories';

/** The real values a fuzzer mixes into its input, so that requests get past the first checks. */
export interface FuzzWorld {
  tokens: string[];
  rids: string[];
  /** A visitor token and one of that visitor's livechat rooms. */
  pairs: Array<{ token: string; rid: string }>;
  agentIds: string[];
  /** What a visitor may name a department by: the seeded departments' ids and names. */
  departments: string[];
}

/**
 * Visitors and rooms in Rocket.Chat's shape covering each branch: open and closed rooms, a
 * surveyed room, a room whose id looks like a number, a room of another type, an awkward token,
 * a room whose visitor document is missing, an erased visitor; an agent and a non-agent user;
 * two departments.
 */
export async function seedFuzzWorld(t: TestApp): Promise<FuzzWorld> {
  const { name: _name, ...nameless } = rocketChatVisitor();
  const ann = rocketChatVisitor();
  const bob = rocketChatVisitor();
  const odd = rocketChatVisitor({ token: 'tök€n.$ne 🙂 a.b\u0000' });
  const cid = { ...nameless, username: 'guest-7' };
  const ghost = { _id: randomId(), username: 'guest-9', token: visitorToken() };
  const erased = { _id: randomId(), disabled: true, ts: new Date('2026-10-01T00:00:00.000Z') };
  const {
    fname: _fname,
    customFields: _fields,
    ...anonymised
  } = closedRocketChatRoom({
    _id: erased._id,
    username: '',
    token: '',
  });
  const rooms = [
    rocketChatRoom(ann),
    closedRocketChatRoom(ann, { surveyFeedback: { satisfaction: '4' } }),
    { ...rocketChatRoom(ann), t: 'd' },
    closedRocketChatRoom(bob, { _id: '12' }),
    closedRocketChatRoom(bob, { _id: 'room.with$odd id' }),
    rocketChatRoom(odd),
    rocketChatRoom(ghost),
    { ...anonymised, v: { _id: erased._id, status: 'online' }, closedBy: { _id: erased._id } },
  ];
  await t.visitors.insertMany([ann, bob, cid, odd, erased]);
  await t.rooms.insertMany(rooms);
  await t.db
    .collection(t.config.collections.settings)
    .insertMany([
      setting('Livechat_enabled', true),
      setting('Omnichannel_allow_visitors_to_close_conversation', true),
      { ...setting('Livechat_guest_count', 40), type: 'int' },
    ] as never[]);
  const departments = [
    { _id: 'deptFuzzSales0001', name: 'Sales' },
    { _id: 'deptFuzzOdd000001', name: 'tök€n.$ne 🙂' },
  ];
  await t.db.collection(t.config.collections.departments).insertMany(departments as never[]);
  await t.db.collection(t.config.collections.users).insertMany([
    { _id: 'agentFuzz00000001', username: 'agent.fuzz', roles: ['user', 'livechat-agent'] },
    { _id: 'userFuzz000000001', username: 'not.an.agent', roles: ['user'] },
  ] as never[]);
  const tokens = [ann.token, bob.token, cid.token, odd.token, ghost.token];
  return {
    tokens: [...tokens, ann.token.toUpperCase(), ann.token.slice(0, -1), ` ${bob.token}`],
    rids: [...rooms.map((room) => room._id), 'unknownRoom000001'],
    pairs: rooms.flatMap((room) => {
      const token = (room.v as { token?: string }).token;
      return room.t === 'l' && token ? [{ token, rid: room._id }] : [];
    }),
    agentIds: ['agentFuzz00000001', 'userFuzz000000001', 'unknownAgent00001'],
    departments: departments.flatMap(({ _id, name }) => [_id, name]),
  };
}

function setting(_id: string, value: unknown) {
  const ts = new Date('2026-01-01T00:00:00.000Z');
  return { _id, value, packageValue: value, type: 'boolean', ts, _updatedAt: ts };
}
