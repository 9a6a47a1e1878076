import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { BACKGROUND, WEBHOOKS_COLLECTION, type WebhookDocument } from './webhook.schema';

/** Every query of the webhooks collection (a handful of documents: no index beyond `_id`). */
@Injectable()
export class WebhookRepository {
  constructor(@InjectConnection() private readonly connection: Connection) {}

  private get hooks() {
    return this.connection.db!.collection<WebhookDocument>(WEBHOOKS_COLLECTION);
  }

  async insert(hook: WebhookDocument): Promise<void> {
    await this.hooks.insertOne(hook);
  }

  /** All of them, secrets included (the dispatcher signs with them). */
  list(): Promise<WebhookDocument[]> {
    return this.hooks.find({}, BACKGROUND).sort({ createdAt: 1, _id: 1 }).toArray();
  }

  findOne(id: string): Promise<WebhookDocument | null> {
    return this.hooks.findOne({ _id: id }, BACKGROUND);
  }

  /** What the survey path's in-memory count is refreshed from. */
  count(): Promise<number> {
    return this.hooks.countDocuments({}, BACKGROUND);
  }

  async delete(id: string): Promise<boolean> {
    return (await this.hooks.deleteOne({ _id: id })).deletedCount > 0;
  }
}
