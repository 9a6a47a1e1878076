import { Injectable } from '@nestjs/common';
import { KeyedMutex } from '../../common/keyed-mutex';
import { randomId } from '../../common/random-id';
import { RocketChatError } from '../../common/rocketchat-error';
import { AgentRepository } from '../agent/agent.repository';
import { VisitorRepository, type VisitorRef } from '../visitor/visitor.repository';
import { LIVECHAT_ROOM, RoomRepository, type RoomDocument } from './room.repository';

/** Rocket.Chat's English "Closed_by_visitor" comment. */
export const CLOSED_BY_VISITOR = 'Closed by visitor';

@Injectable()
export class RoomService {
  // Opening is check-then-insert: serialized per visitor so concurrent calls share one room,
  // and an erasure (which holds the same turn) cannot interleave with it.
  private readonly opening = new KeyedMutex();
  private readonly closedListeners: ((rid: string) => void)[] = [];

  constructor(
    private readonly rooms: RoomRepository,
    private readonly agents: AgentRepository,
    private readonly visitors: VisitorRepository,
  ) {}

  /** The room.closed watcher's: this instance's closes are sent without waiting for a poll. */
  onClosed(listener: (rid: string) => void): void {
    this.closedListeners.push(listener);
  }

  /** Runs `task` while no room can be opened for the visitor with that token (erasure). */
  whileNoRoomOpens<T>(token: string, task: () => Promise<T>): Promise<T> {
    return this.opening.run(token, task);
  }

  /**
   * GET livechat/room: with `rid`, that open room of the visitor; without, the visitor's open
   * room, or a new one. Errors are Rocket.Chat's plain `invalid-room`.
   */
  async getOrOpen(visitor: VisitorRef, rid?: string, agentId?: string) {
    if (rid) {
      const room = await this.rooms.findOpen(visitor.token, rid);
      if (!room) throw RocketChatError.plain('invalid-room');
      return { room, newRoom: false };
    }
    return this.opening.run(visitor.token, async () => {
      const open = await this.rooms.findOpen(visitor.token);
      if (open) return { room: open, newRoom: false };
      // Read again under the turn: an erasure that ran while this request waited has removed
      // the token, and a new room would carry the erased visitor's data.
      const current = await this.visitors.findByToken(visitor.token);
      if (!current) throw RocketChatError.plain('invalid-token');
      const room = await this.newRoom(current, agentId);
      await this.rooms.insert(room);
      return { room, newRoom: true };
    });
  }

  /** room.close: Rocket.Chat's checks (room, then closed) and closing fields. */
  async closeByVisitor(visitor: VisitorRef, rid: string): Promise<void> {
    const room = await this.rooms.findForVisitor(rid, visitor.token);
    if (!room) throw RocketChatError.plain('invalid-room');
    if (!room.open) throw RocketChatError.plain('room-closed');
    const closedAt = new Date();
    const closed = await this.rooms.close(rid, visitor.token, {
      closedAt,
      closedBy: { _id: visitor._id, username: visitor.username },
      closer: 'visitor',
      chatDuration: room.ts ? (closedAt.getTime() - new Date(room.ts).getTime()) / 1000 : 0,
    });
    // Closed by a concurrent request between the read and the write.
    if (!closed) throw RocketChatError.plain('room-closed');
    for (const listener of this.closedListeners) listener(rid);
  }

  /** Closes every open room of the visitor (erasure with VISITOR_ERASE_CLOSES_OPEN_ROOMS). */
  async closeAllByVisitor(visitor: VisitorRef): Promise<void> {
    for (const rid of await this.rooms.listOpenIds(visitor.token)) {
      await this.closeByVisitor(visitor, rid).catch((error: unknown) => {
        if (!(error instanceof RocketChatError && error.code === 'room-closed')) throw error;
      });
    }
  }

  /** A livechat room as Rocket.Chat's createLivechatRoom shapes it. */
  private async newRoom(visitor: VisitorRef, agentId?: string): Promise<RoomDocument> {
    const now = new Date();
    const agent = agentId ? await this.agents.findAgent(agentId) : null;
    return {
      _id: randomId(),
      msgs: 0,
      usersCount: 1,
      lm: now,
      fname: visitor.name ?? visitor.username,
      t: LIVECHAT_ROOM,
      ts: now,
      ...(visitor.department && { departmentId: visitor.department }),
      v: {
        _id: visitor._id,
        username: visitor.username,
        token: visitor.token,
        status: visitor.status ?? 'online',
      },
      cl: false,
      open: true,
      waitingResponse: true,
      source: { type: 'api' },
      queuedAt: now,
      ...(agent && { servedBy: { _id: agent._id, username: agent.username, ts: now } }),
      _updatedAt: now,
    };
  }
}
