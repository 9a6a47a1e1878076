import { Injectable } from '@nestjs/common';
import { randomId } from '../common/random-id';
import type { SurveySource } from '../livechat/room/room.repository';
import { FREE_TEXT_ITEM } from '../livechat/survey/survey-rules';
import { SurveyEventRepository } from './survey-event.repository';
import { WebhookRegistryService } from './webhook-registry.service';

/**
 * The survey path's side of the webhooks: with at least one hook registered, each stored
 * submission becomes an outbox event before room.survey answers, so an answered survey is never
 * lost, even when the process dies right after answering. With none: nothing at all.
 */
@Injectable()
export class SurveyEventsService {
  private readonly listeners: (() => void)[] = [];

  constructor(
    private readonly events: SurveyEventRepository,
    private readonly registry: WebhookRegistryService,
  ) {}

  async capture(
    rid: string,
    kept: Record<string, string>,
    submittedAt: Date,
    source: SurveySource = 'widget',
  ): Promise<void> {
    if (!this.registry.hasHooks) return;
    const { [FREE_TEXT_ITEM]: comment, ...items } = kept;
    await this.events.insert({
      _id: randomId(24),
      rid,
      submittedAt,
      items,
      comment: comment ?? null,
      source,
    });
    for (const listener of this.listeners) listener();
  }

  /** The dispatcher's wake-up: this instance's events are sent without waiting for a poll. */
  onCaptured(listener: () => void): void {
    this.listeners.push(listener);
  }
}
