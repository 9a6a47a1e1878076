import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { InjectBackgroundConnection } from '../database/background-connection';
import { BACKGROUND, WEBHOOKS_COLLECTION, type WebhookDocument } from './webhook.schema';

export type HookSummary = Pick<WebhookDocument, '_id' | 'events' | 'createdAt' | 'active'>;

/**
 * Every query of the webhooks collection (a handful of documents: no index beyond `_id`). The
 * reads (BACKGROUND) go through the background connection: the registry's and the dispatcher's
 * polls run every second or so, and must not hold a connection of the requests' pool.
 */
@Injectable()
export class WebhookRepository {
  constructor(
    @InjectConnection() private readonly connection: Connection,
    @InjectBackgroundConnection() private readonly background: Connection,
  ) {}

  private get hooks() {
    return this.connection.db!.collection<WebhookDocument>(WEBHOOKS_COLLECTION);
  }

  private get backgroundHooks() {
    return this.background.db!.collection<WebhookDocument>(WEBHOOKS_COLLECTION);
  }

  async insert(hook: WebhookDocument): Promise<void> {
    await this.hooks.insertOne(hook);
  }

  /** All of them, secrets included (the dispatcher signs with them). */
  list(): Promise<WebhookDocument[]> {
    return this.backgroundHooks.find({}, BACKGROUND).sort({ createdAt: 1, _id: 1 }).toArray();
  }

  findOne(id: string): Promise<WebhookDocument | null> {
    return this.backgroundHooks.findOne({ _id: id }, BACKGROUND);
  }

  /** What the in-memory registry is refreshed from: each hook's types, age and state, no secrets. */
  summaries(): Promise<HookSummary[]> {
    return this.backgroundHooks
      .find({}, { ...BACKGROUND, projection: { _id: 1, events: 1, createdAt: 1, active: 1 } })
      .toArray();
  }

  /**
   * One `$set` of the changed fields. Callers serialize changes of one hook in-process: FerretDB
   * applies an update as read-modify-write, so two at once could lose one's fields.
   */
  async update(id: string, fields: Partial<WebhookDocument>): Promise<WebhookDocument | null> {
    return this.hooks.findOneAndUpdate({ _id: id }, { $set: fields }, { returnDocument: 'after' });
  }

  async delete(id: string): Promise<boolean> {
    return (await this.hooks.deleteOne({ _id: id })).deletedCount > 0;
  }
}
