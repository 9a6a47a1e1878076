import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import {
  LINK_ANSWERS_COLLECTION,
  LINKS_COLLECTION,
  type LinkAnswerDocument,
  type SurveyLinkDocument,
} from './survey-link.schema';

export type FunnelLink = Pick<SurveyLinkDocument, 'rid' | 'openedAt' | 'answeredAt'>;

const DUPLICATE_KEY = 11000;
const isDuplicate = (error: unknown) => (error as { code?: number }).code === DUPLICATE_KEY;

/** Every query of the survey links and their answer claims. */
@Injectable()
export class SurveyLinkRepository implements OnModuleInit {
  constructor(@InjectConnection() private readonly connection: Connection) {}

  private get links() {
    return this.connection.db!.collection<SurveyLinkDocument>(LINKS_COLLECTION);
  }

  private get answers() {
    return this.connection.db!.collection<LinkAnswerDocument>(LINK_ANSWERS_COLLECTION);
  }

  async onModuleInit(): Promise<void> {
    // Sparse: expired links lack `live`, and MongoDB would otherwise allow only one of them.
    await this.links.createIndex({ live: 1 }, { name: 'live_1', unique: true, sparse: true });
    await this.links.createIndex({ createdAt: 1 }, { name: 'createdAt_1' });
  }

  findLive(rid: string): Promise<SurveyLinkDocument | null> {
    return this.links.findOne({ live: rid });
  }

  findOne(id: string): Promise<SurveyLinkDocument | null> {
    return this.links.findOne({ _id: id });
  }

  /** False when the room has a live link already (another request or instance made it). */
  async insertLive(link: SurveyLinkDocument): Promise<boolean> {
    try {
      await this.links.insertOne(link);
      return true;
    } catch (error) {
      if (isDuplicate(error)) return false;
      throw error;
    }
  }

  /** An expired link stops being the room's live one (by its id: a newer one is never touched). */
  async retire(link: SurveyLinkDocument): Promise<void> {
    await this.links.updateOne({ _id: link._id, live: link.rid }, { $unset: { live: 1 } });
  }

  /** The first open; true when this call was it (two racing opens may both say so: rare, harmless). */
  async markOpened(id: string, now: Date): Promise<boolean> {
    const result = await this.links.updateOne(
      { _id: id, openedAt: { $exists: false } },
      { $set: { openedAt: now } },
    );
    return result.modifiedCount > 0;
  }

  /** Claims the link's one answer: exactly one caller wins, across instances. */
  async claimAnswer(id: string, now: Date): Promise<boolean> {
    try {
      await this.answers.insertOne({ _id: id, answeredAt: now });
      return true;
    } catch (error) {
      if (isDuplicate(error)) return false;
      throw error;
    }
  }

  /** Gives a claim back when the answer could not be stored after all. */
  async releaseAnswer(id: string): Promise<void> {
    await this.answers.deleteOne({ _id: id });
  }

  async isAnswered(id: string): Promise<boolean> {
    return (await this.answers.findOne({ _id: id }, { projection: { _id: 1 } })) !== null;
  }

  /** The links made in [from, to): the report's funnel (`createdAt_1` on MongoDB). */
  createdBetween(from: Date, to: Date): Promise<FunnelLink[]> {
    return this.links
      .find(
        { createdAt: { $gte: from, $lt: to } },
        { projection: { _id: 0, rid: 1, openedAt: 1, answeredAt: 1 } },
      )
      .toArray();
  }

  async markAnswered(id: string, now: Date): Promise<void> {
    await this.links.updateOne({ _id: id }, { $set: { answeredAt: now } });
  }
}
