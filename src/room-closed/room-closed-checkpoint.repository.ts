import { Injectable } from '@nestjs/common';
import type { Connection } from 'mongoose';
import { InjectBackgroundConnection } from '../database/background-connection';
import { BACKGROUND } from '../webhooks/webhook.schema';

export const CHECKPOINTS_COLLECTION = 'livechat_survey_checkpoints';
const ROOM_CLOSED_CHECKPOINT = 'room.closed';

interface CheckpointDocument {
  _id: string;
  /** The newest closedAt whose room has been fanned out. */
  at: Date;
}

const DUPLICATE_KEY = 11000;

/**
 * The room.closed watcher's checkpoint: where a (re)started instance resumes. Instances may
 * write it out of order (FerretDB updates are read-modify-write): a checkpoint set back by a
 * few seconds only makes a room be read again, and its deliveries' unique ids send it once.
 */
@Injectable()
export class RoomClosedCheckpointRepository {
  /** Only the watcher reads and writes it: through the background connection. */
  constructor(@InjectBackgroundConnection() private readonly connection: Connection) {}

  private get checkpoints() {
    return this.connection.db!.collection<CheckpointDocument>(CHECKPOINTS_COLLECTION);
  }

  async read(): Promise<Date | null> {
    const found = await this.checkpoints.findOne({ _id: ROOM_CLOSED_CHECKPOINT }, BACKGROUND);
    return found?.at ?? null;
  }

  /** Moves the checkpoint forward to `at` (never back, as far as this write can tell). */
  async advance(at: Date): Promise<void> {
    const moved = await this.checkpoints.updateOne(
      { _id: ROOM_CLOSED_CHECKPOINT, at: { $lt: at } },
      { $set: { at } },
      BACKGROUND,
    );
    if (moved.matchedCount > 0) return;
    await this.checkpoints
      .insertOne({ _id: ROOM_CLOSED_CHECKPOINT, at }, BACKGROUND)
      .catch((error: { code?: number }) => {
        // It exists already, at or past `at`.
        if (error.code !== DUPLICATE_KEY) throw error;
      });
  }
}
