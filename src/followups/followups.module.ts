import { Module } from '@nestjs/common';
import { LivechatModule } from '../livechat/livechat.module';
import { ReportsModule } from '../reports/reports.module';
import { WebhookOutboxModule } from '../webhooks/webhook-outbox.module';
import { FollowupQueueService } from './followup-queue.service';
import { FollowupStoreModule } from './followup-store.module';
import { FollowupsController } from './followups.controller';
import { FollowupsService } from './followups.service';

/**
 * Follow-ups of unhappy customers: the queue (survey.followups), the status changes
 * (survey.followup) and their survey.followed_up webhook events through the outbox.
 */
@Module({
  imports: [LivechatModule, ReportsModule, WebhookOutboxModule, FollowupStoreModule],
  controllers: [FollowupsController],
  providers: [FollowupsService, FollowupQueueService],
})
export class FollowupsModule {}
