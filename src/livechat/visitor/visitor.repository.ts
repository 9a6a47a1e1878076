import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { ensureDeclaredIndexes } from '../../database/indexes';
import { Visitor } from './visitor.schema';

/** What a route needs to know of the visitor behind a token. */
export type VisitorRef = Pick<Visitor, '_id' | 'username' | 'name' | 'status'> & { token: string };

/** Every query of the visitors collection. */
@Injectable()
export class VisitorRepository implements OnModuleInit {
  private readonly logger = new Logger(VisitorRepository.name);

  constructor(@InjectModel(Visitor.name) private readonly visitors: Model<Visitor>) {}

  async onModuleInit(): Promise<void> {
    await ensureDeclaredIndexes(this.visitors, this.logger);
  }

  /** Served by Rocket.Chat's `token_1` index. */
  findByToken(token: string): Promise<VisitorRef | null> {
    return this.visitors
      .findOne({ token }, { _id: 1, username: 1, name: 1, status: 1, token: 1 })
      .lean<VisitorRef>()
      .exec();
  }
}
