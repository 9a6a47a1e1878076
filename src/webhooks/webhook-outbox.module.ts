import { Module } from '@nestjs/common';
import { SurveyEventRepository } from './survey-event.repository';
import { SurveyEventsService } from './survey-events.service';
import { WebhookRegistryService } from './webhook-registry.service';
import { WebhookRepository } from './webhook.repository';

/**
 * What the survey path needs of the webhooks (the outbox write and the hook count), apart from
 * the routes and the dispatcher, which read rooms: dependencies stay one-way
 * (livechat → outbox; webhooks → livechat and outbox).
 */
@Module({
  providers: [
    WebhookRepository,
    WebhookRegistryService,
    SurveyEventRepository,
    SurveyEventsService,
  ],
  exports: [WebhookRepository, WebhookRegistryService, SurveyEventRepository, SurveyEventsService],
})
export class WebhookOutboxModule {}
