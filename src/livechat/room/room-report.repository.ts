import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Connection, Model } from 'mongoose';
import { InjectBackgroundConnection } from '../../database/background-connection';
import { LIVECHAT_ROOM } from './room.repository';
import { Room } from './room.schema';

/** What a report reads of a room: times, agent, department, answers. Never visitor data. */
export interface ReportRoom {
  _id: string;
  ts?: Date;
  closedAt?: Date;
  surveyFeedbackAt?: Date;
  servedBy?: { _id?: string; username?: string };
  departmentId?: string;
  surveyFeedback?: Record<string, unknown>;
  /** `link` for the hosted page's answers; absent for the widget's. */
  surveyFeedbackSource?: string;
}

export type ClosedRoom = ReportRoom & { closedAt: Date };

export interface ReportCriteria {
  from: Date;
  to: Date;
  agentId?: string;
  departmentId?: string;
  /** Also rooms closed in the period without answers (the report's roomsClosed). */
  withClosedRooms: boolean;
}

const PROJECTION = {
  _id: 1,
  ts: 1,
  closedAt: 1,
  surveyFeedbackAt: 1,
  servedBy: 1,
  departmentId: 1,
  surveyFeedback: 1,
  surveyFeedbackSource: 1,
} as const;

/**
 * The survey reports' queries of the rooms collection (the room feature owns the collection, so
 * its queries live here, beside the hot path's RoomRepository rather than inside it).
 *
 * One projected cursor per report, folded by the caller: on FerretDB v1 every query is a full
 * scan (10,000 rooms: projected cursor 3.4 s, a one-$sum $group 2.1 s, a count 2.1 s), and it
 * lacks $cond/$ifNull-style operators and silently zeroes a $group's second accumulator, so a
 * pipeline would cost one scan per figure where the cursor costs one scan for all of them. On
 * MongoDB each $or branch below is served by its own index.
 */
@Injectable()
export class RoomReportRepository {
  constructor(
    @InjectModel(Room.name) private readonly rooms: Model<Room>,
    @InjectBackgroundConnection() private readonly background: Connection,
  ) {}

  /** The rooms through the background work's own connection (the two reads below). */
  private get backgroundRooms() {
    return this.background.db!.collection<ReportRoom>(this.rooms.collection.collectionName);
  }

  /**
   * One room's agent, department and answers (a webhook's payload; served by `_id`). This and
   * closedAfter are the webhooks' background reads: on the background connection, never
   * holding one a request waits for; `comment` marks them in the database's logs.
   */
  findOne(rid: string, comment?: string): Promise<ReportRoom | null> {
    return this.backgroundRooms.findOne({ _id: rid }, { projection: PROJECTION, comment });
  }

  /**
   * Livechat rooms closed after `after`, oldest first, at most `limit` (the room.closed
   * watcher's poll; served by `closedAt_1` on MongoDB, a scan on FerretDB).
   */
  closedAfter(after: Date, limit: number, comment?: string): Promise<ClosedRoom[]> {
    return this.backgroundRooms
      .find<ClosedRoom>(
        { t: LIVECHAT_ROOM, closedAt: { $gt: after } },
        { projection: PROJECTION, sort: { closedAt: 1, _id: 1 }, limit, comment },
      )
      .toArray();
  }

  /** Rooms by id (the link funnel's rooms, when a report is filtered by agent or department). */
  byIds(rids: readonly string[]): Promise<ReportRoom[]> {
    if (rids.length === 0) return Promise.resolve([]);
    return this.rooms
      .find({ _id: { $in: rids } }, PROJECTION)
      .lean<ReportRoom[]>()
      .exec();
  }

  /**
   * A superset of the rooms that count in [from, to): answers placed by surveyFeedbackAt, else
   * closedAt, else ts, and (withClosedRooms) rooms closed in the period. The caller decides
   * exactly, room by room.
   */
  cursor(criteria: ReportCriteria): AsyncIterable<ReportRoom> & { close(): Promise<void> } {
    return this.rooms.collection.find(filter(criteria), {
      projection: PROJECTION,
      // Larger batches: fewer getMore round trips on a scan that returns most of its rows.
      batchSize: 1000,
    }) as unknown as AsyncIterable<ReportRoom> & { close(): Promise<void> };
  }
}

export function filter({ from, to, agentId, departmentId, withClosedRooms }: ReportCriteria) {
  const period = { $gte: from, $lt: to };
  const answered = { surveyFeedback: { $exists: true } };
  return {
    t: LIVECHAT_ROOM,
    ...(agentId !== undefined && { 'servedBy._id': agentId }),
    ...(departmentId !== undefined && { departmentId }),
    $or: [
      withClosedRooms ? { closedAt: period } : { closedAt: period, ...answered },
      { surveyFeedbackAt: period },
      // Rooms whose answers Rocket.Chat stored (no surveyFeedbackAt) and that have no closedAt.
      { ts: period, ...answered },
    ],
  };
}
