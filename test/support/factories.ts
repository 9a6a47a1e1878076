import { randomBytes } from 'node:crypto';
import { randomId } from '../../src/common/random-id';

/**
 * Documents in Rocket.Chat's own shape, with the fields Rocket.Chat keeps that this service does
 * not declare, so tests can show that nothing it does not own is lost.
 */
export type Doc = Record<string, unknown> & { _id: string };

let guests = 100;

export function visitorToken(): string {
  return randomBytes(32).toString('hex');
}

export function rocketChatVisitor(
  overrides: Record<string, unknown> = {},
): Doc & { token: string; username: string } {
  const username = `guest-${guests++}`;
  return {
    _id: randomId(),
    username,
    token: visitorToken(),
    name: 'Jane Visitor',
    ts: new Date('2026-11-01T10:00:00.000Z'),
    _updatedAt: new Date('2026-11-01T10:00:00.000Z'),
    status: 'online',
    department: 'sales',
    visitorEmails: [{ address: 'jane@example.com' }],
    phone: [{ phoneNumber: '+15550100' }],
    livechatData: { plan: 'gold' },
    lastChat: { _id: 'previousRoomId01', ts: new Date('2026-10-30T09:00:00.000Z') },
    userAgent: 'Mozilla/5.0',
    ip: '203.0.113.7',
    host: 'shop.example.com',
    ...overrides,
  };
}

export function rocketChatRoom(
  visitor: { _id: string; username: string; token: string },
  overrides: Record<string, unknown> = {},
): Doc {
  const ts = new Date('2026-11-01T10:01:00.000Z');
  const _id = (overrides._id as string | undefined) ?? randomId();
  return {
    _id,
    t: 'l',
    fname: 'Jane Visitor',
    msgs: 4,
    usersCount: 2,
    lm: new Date('2026-11-01T10:05:00.000Z'),
    ts,
    open: true,
    v: { _id: visitor._id, username: visitor.username, token: visitor.token, status: 'online' },
    servedBy: { _id: 'agentId0000000001', username: 'agent.smith', ts },
    departmentId: 'salesDeptId000001',
    source: { type: 'widget' },
    customFields: { orderId: 'A-1001' },
    tags: ['billing'],
    responseBy: { _id: 'agentId0000000001', username: 'agent.smith', firstResponseTs: ts },
    metrics: { v: { lq: ts }, servedBy: { lr: ts } },
    // Rocket.Chat copies the room's last message into the room, whole.
    lastMessage: rocketChatMessage(_id, { ...visitor, name: 'Jane Visitor' }),
    _updatedAt: new Date('2026-11-01T10:05:00.000Z'),
    ...overrides,
  };
}

/**
 * A message of `rocketchat_message` as Rocket.Chat stores a livechat message: a visitor's
 * carries their token; an agent's (no token given) does not.
 */
export function rocketChatMessage(
  rid: string,
  author: { _id: string; username: string; name?: string; token?: string },
  overrides: Record<string, unknown> = {},
): Doc {
  const ts = new Date('2026-11-01T10:05:00.000Z');
  return {
    _id: randomId(),
    rid,
    msg: 'My order number is A-1001',
    ts,
    u: { _id: author._id, username: author.username, ...(author.name && { name: author.name }) },
    ...(author.token && { token: author.token, alias: author.name }),
    urls: [],
    mentions: [],
    channels: [],
    md: [
      { type: 'PARAGRAPH', value: [{ type: 'PLAIN_TEXT', value: 'My order number is A-1001' }] },
    ],
    _updatedAt: ts,
    ...overrides,
  };
}

/** A room closed the way Rocket.Chat closes it: `open` removed, closing fields set. */
export function closedRocketChatRoom(
  visitor: { _id: string; username: string; token: string },
  overrides: Record<string, unknown> = {},
): Doc {
  const { open: _open, ...room } = rocketChatRoom(visitor, overrides);
  return {
    ...room,
    closedAt: new Date('2026-11-01T10:10:00.000Z'),
    closedBy: { _id: visitor._id, username: visitor.username },
    closer: 'visitor',
    metrics: { chatDuration: 540 },
    ...overrides,
  };
}
