import { Module } from '@nestjs/common';
import { LivechatModule } from '../livechat/livechat.module';
import { SurveyLinksModule } from '../survey-links/survey-links.module';
import { WebhookOutboxModule } from '../webhooks/webhook-outbox.module';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { RoomClosedCheckpointRepository } from './room-closed-checkpoint.repository';
import { RoomClosedWatcherService } from './room-closed-watcher.service';

/**
 * The room.closed webhook event: a watcher of the rooms' closedAt that fans each close out into
 * deliveries (with a fresh survey link), sent by the webhooks' dispatcher.
 */
@Module({
  imports: [LivechatModule, SurveyLinksModule, WebhookOutboxModule, WebhooksModule],
  providers: [RoomClosedCheckpointRepository, RoomClosedWatcherService],
})
export class RoomClosedModule {}
