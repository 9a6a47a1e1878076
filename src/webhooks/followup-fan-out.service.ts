import { Injectable, Logger } from '@nestjs/common';
import { FollowupRepository } from '../followups/followup.repository';
import { DeliveryRepository } from './delivery.repository';
import { SurveyEventRepository } from './survey-event.repository';
import { followupDeliveries } from './webhook-events';
import type { FollowedUpData, SurveyEventDocument, WebhookDocument } from './webhook.schema';

/**
 * The dispatcher's fan-out of a follow-up change's event: sent when its change was stored
 * (marked so, or its id found in the follow-up's history), else dropped.
 */
@Injectable()
export class FollowupFanOutService {
  private readonly logger = new Logger('Webhooks');

  constructor(
    private readonly followups: FollowupRepository,
    private readonly events: SurveyEventRepository,
    private readonly deliveries: DeliveryRepository,
  ) {}

  async fanOut(
    event: SurveyEventDocument & { followup: FollowedUpData },
    hooks: WebhookDocument[],
  ): Promise<void> {
    if (event.stored === false && !(await this.followups.hasChange(event.rid, event._id))) {
      await this.events.delete(event._id);
      this.logger.warn(`follow-up event ${event._id} of room ${event.rid} dropped: never stored`);
      return;
    }
    for (const delivery of followupDeliveries(event, hooks, new Date())) {
      await this.deliveries.insert(delivery);
    }
    // Only once every delivery exists: a crash before this leaves the event for another poll.
    await this.events.delete(event._id);
  }
}
