import { Injectable, Logger } from '@nestjs/common';
import { randomId } from '../common/random-id';
import type { SurveySource } from '../livechat/room/room.repository';
import { FREE_TEXT_ITEM } from '../livechat/survey/survey-rules';
import { SurveyEventRepository } from './survey-event.repository';
import { WebhookRegistryService } from './webhook-registry.service';
import { FOLLOWED_UP, type FollowedUpData, type SurveyEventDocument } from './webhook.schema';

/** Stores a room's answers; `first` runs right before, with the time the answers get. */
export type StoreAnswers = (first?: (now: Date) => Promise<void>) => Promise<boolean>;

/**
 * The survey path's side of the webhooks. With at least one hook registered, the outbox event
 * is written before the answers and marked stored after them (no transactions on FerretDB):
 * answers that are stored always have their event, even when the process dies right after; an
 * event whose answers never got stored is never sent (the dispatcher checks the room, then drops
 * it). With no hook: nothing at all.
 */
@Injectable()
export class SurveyEventsService {
  private readonly logger = new Logger('Webhooks');
  private readonly listeners: (() => void)[] = [];

  constructor(
    private readonly events: SurveyEventRepository,
    private readonly registry: WebhookRegistryService,
  ) {}

  /** Runs `store` with the outbox on either side; returns what `store` returned. */
  async storeWithEvent(
    rid: string,
    kept: Record<string, string>,
    source: SurveySource,
    store: StoreAnswers,
  ): Promise<boolean> {
    if (!this.registry.hasHooks) return store();
    const written: SurveyEventDocument[] = [];
    const stored = await store(async (submittedAt) => {
      const event = newEvent(rid, kept, submittedAt, source);
      await this.events.insert(event);
      written.push(event);
    });
    for (const event of written) {
      if (stored) await this.markStored(event);
      else await this.discard(event);
    }
    return stored;
  }

  /**
   * Runs a follow-up change's `store` with its survey.followed_up event written first (when a
   * hook wants it) and marked stored after. `store` records the event id on the follow-up and
   * says whether it wrote; if it throws, the write may have happened: the event stays unmarked
   * and the dispatcher looks for its id on the follow-up.
   */
  async storeWithFollowupEvent(
    data: FollowedUpData,
    at: Date,
    store: (eventId: string | null) => Promise<boolean>,
  ): Promise<boolean> {
    if (!this.registry.wants(FOLLOWED_UP)) return store(null);
    const event: SurveyEventDocument = {
      _id: randomId(24),
      rid: data.rid,
      submittedAt: at,
      items: {},
      comment: null,
      stored: false,
      followup: data,
    };
    await this.events.insert(event);
    const stored = await store(event._id);
    if (stored) await this.markStored(event);
    else await this.discard(event);
    return stored;
  }

  /** The dispatcher's wake-up: this instance's events are sent without waiting for a poll. */
  onCaptured(listener: () => void): void {
    this.listeners.push(listener);
  }

  private async markStored(event: SurveyEventDocument): Promise<void> {
    try {
      await this.events.markStored(event._id);
    } catch (error) {
      // The answers are stored: the 200 stands, and the dispatcher finds them on the room.
      this.logger.warn(
        `survey event ${event._id} not marked stored (${(error as Error).message}); the webhook dispatcher will check its room`,
      );
      return;
    }
    for (const listener of this.listeners) listener();
  }

  /** No such room: its event goes (else the dispatcher drops it, finding no answers). */
  private async discard(event: SurveyEventDocument): Promise<void> {
    await this.events.discard(event._id).catch((error: Error) => {
      this.logger.warn(`survey event ${event._id} not discarded: ${error.message}`);
    });
  }
}

function newEvent(
  rid: string,
  kept: Record<string, string>,
  submittedAt: Date,
  source: SurveySource,
): SurveyEventDocument {
  const { [FREE_TEXT_ITEM]: comment, ...items } = kept;
  return {
    _id: randomId(24),
    rid,
    submittedAt,
    items,
    comment: comment ?? null,
    stored: false,
    source,
  };
}
