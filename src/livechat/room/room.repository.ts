import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { KeyedMutex } from '../../common/keyed-mutex';
import { Room } from './room.schema';

/** Rocket.Chat's room type for livechat rooms. */
export const LIVECHAT_ROOM = 'l';

/**
 * Every query of the rooms collection. Writes to one room are serialized in this process
 * (FerretDB v1 updates are read-modify-write; see KeyedMutex).
 */
@Injectable()
export class RoomRepository {
  private readonly writes = new KeyedMutex();

  constructor(@InjectModel(Room.name) private readonly rooms: Model<Room>) {}

  /** The visitor's own livechat room, open or closed (served by the `_id` index). */
  async existsForVisitor(rid: string, token: string): Promise<boolean> {
    const room = await this.rooms
      .findOne({ _id: rid, t: LIVECHAT_ROOM, 'v.token': token }, { _id: 1 })
      .lean()
      .exec();
    return room !== null;
  }

  /**
   * Replaces the room's survey answers, still requiring it to be the visitor's livechat room.
   * Returns false when no such room exists.
   */
  async setSurveyFeedback(
    rid: string,
    token: string,
    feedback: Record<string, string>,
  ): Promise<boolean> {
    const result = await this.writes.run(rid, () =>
      this.rooms
        .updateOne(
          { _id: rid, t: LIVECHAT_ROOM, 'v.token': token },
          { $set: { surveyFeedback: feedback, _updatedAt: new Date() } },
        )
        .exec(),
    );
    return result.matchedCount > 0;
  }
}
