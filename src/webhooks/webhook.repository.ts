import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { BACKGROUND, WEBHOOKS_COLLECTION, type WebhookDocument } from './webhook.schema';

export type HookSummary = Pick<WebhookDocument, 'events' | 'createdAt'>;

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

  /** What the in-memory registry is refreshed from: each hook's types and age, no secrets. */
  summaries(): Promise<HookSummary[]> {
    return this.hooks
      .find({}, { ...BACKGROUND, projection: { _id: 0, events: 1, createdAt: 1 } })
      .toArray();
  }

  async delete(id: string): Promise<boolean> {
    return (await this.hooks.deleteOne({ _id: id })).deletedCount > 0;
  }
}
