import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { FOLLOWUPS_COLLECTION, type FollowupDocument } from './followup.schema';

const DUPLICATE_KEY = 11000;
const isDuplicate = (error: unknown) => (error as { code?: number }).code === DUPLICATE_KEY;

/** What the queue and the report read of a follow-up. */
export type FollowupState = Omit<FollowupDocument, 'history'>;

const STATE = { history: 0 } as const;

/** Every query of the follow-ups collection. */
@Injectable()
export class FollowupRepository implements OnModuleInit {
  constructor(@InjectConnection() private readonly connection: Connection) {}

  private get followups() {
    return this.connection.db!.collection<FollowupDocument>(FOLLOWUPS_COLLECTION);
  }

  async onModuleInit(): Promise<void> {
    await this.followups.createIndex({ answeredAt: 1 }, { name: 'answeredAt_1' });
  }

  findOne(rid: string): Promise<FollowupDocument | null> {
    return this.followups.findOne({ _id: rid });
  }

  /**
   * Writes the whole document in one statement: an insert when `expected` says there was none
   * (false when another writer inserted it first: read again and replace), else a replace.
   */
  async write(followup: FollowupDocument, existed: boolean): Promise<boolean> {
    if (existed) {
      await this.followups.replaceOne({ _id: followup._id }, followup);
      return true;
    }
    try {
      await this.followups.insertOne(followup);
      return true;
    } catch (error) {
      if (isDuplicate(error)) return false;
      throw error;
    }
  }

  /**
   * The follow-ups of the answers given in [from, to): one pass over the collection, whatever the
   * number of rooms (`answeredAt_1` on MongoDB, a scan of this small collection on FerretDB).
   */
  answeredBetween(from: Date, to: Date): Promise<FollowupState[]> {
    return this.followups
      .find({ answeredAt: { $gte: from, $lt: to } }, { projection: STATE })
      .toArray();
  }

  /** Whether a change with this outbox event id was stored (the dispatcher's check). */
  async hasChange(rid: string, eventId: string): Promise<boolean> {
    const followup = await this.followups.findOne({ _id: rid }, { projection: { history: 1 } });
    return followup?.history.some((change) => change.eventId === eventId) ?? false;
  }
}
