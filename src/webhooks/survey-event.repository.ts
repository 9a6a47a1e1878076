import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { InjectBackgroundConnection } from '../database/background-connection';
import { BACKGROUND, EVENTS_COLLECTION, type SurveyEventDocument } from './webhook.schema';

/**
 * The outbox. An event lives here only until it has been fanned out into deliveries, so the
 * collection holds a few documents at most and the dispatcher's poll stays cheap on FerretDB,
 * where every query scans its collection. The survey path writes through the requests'
 * connection; the dispatcher's poll and removal (BACKGROUND) go through the background one.
 */
@Injectable()
export class SurveyEventRepository implements OnModuleInit {
  constructor(
    @InjectConnection() private readonly connection: Connection,
    @InjectBackgroundConnection() private readonly background: Connection,
  ) {}

  private get events() {
    return this.connection.db!.collection<SurveyEventDocument>(EVENTS_COLLECTION);
  }

  private get backgroundEvents() {
    return this.background.db!.collection<SurveyEventDocument>(EVENTS_COLLECTION);
  }

  async onModuleInit(): Promise<void> {
    await this.events.createIndex({ submittedAt: 1 }, { name: 'submittedAt_1' });
  }

  async insert(event: SurveyEventDocument): Promise<void> {
    await this.events.insertOne(event);
  }

  /** room.survey's, once the event's answers are stored. */
  async markStored(id: string): Promise<void> {
    await this.events.updateOne({ _id: id }, { $set: { stored: true } });
  }

  /** room.survey's, when the room turned out not to exist. */
  async discard(id: string): Promise<void> {
    await this.events.deleteOne({ _id: id });
  }

  /**
   * The oldest events to decide on: those marked stored, and those still unmarked when submitted
   * before `undecidedBefore` (younger ones may still see their answers land: left for later, and
   * never in the way of the others).
   */
  due(undecidedBefore: Date, limit: number): Promise<SurveyEventDocument[]> {
    return this.backgroundEvents
      .find(
        { $or: [{ stored: { $ne: false } }, { submittedAt: { $lte: undecidedBefore } }] },
        BACKGROUND,
      )
      .sort({ submittedAt: 1 })
      .limit(limit)
      .toArray();
  }

  async delete(id: string): Promise<void> {
    await this.backgroundEvents.deleteOne({ _id: id }, BACKGROUND);
  }
}
