import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { ensureDeclaredIndexes } from '../../database/indexes';
import { Message } from './message.schema';

/** Every query of Rocket.Chat's messages collection. */
@Injectable()
export class MessageRepository implements OnModuleInit {
  private readonly logger = new Logger(MessageRepository.name);

  constructor(@InjectModel(Message.name) private readonly messages: Model<Message>) {}

  async onModuleInit(): Promise<void> {
    await ensureDeclaredIndexes(this.messages, this.logger);
  }

  /** Rocket.Chat's Messages.removeByRoomId, for several rooms in one command (`rid_1_ts_1__updatedAt_1`). */
  async deleteInRooms(rids: string[]): Promise<number> {
    if (rids.length === 0) return 0;
    const result = await this.messages.deleteMany({ rid: { $in: rids } }).exec();
    return result.deletedCount;
  }
}
