import { Module } from '@nestjs/common';
import { makeCounterProvider, makeHistogramProvider } from '@willsoto/nestjs-prometheus';
import { FollowupStoreModule } from '../followups/followup-store.module';
import { LivechatModule } from '../livechat/livechat.module';
import { ReportsModule } from '../reports/reports.module';
import { Clock } from '../common/clock';
import { FollowupFanOutService } from './followup-fan-out.service';
import {
  DeliveryAttemptsService,
  WEBHOOK_DELIVERIES,
  WEBHOOK_LATENCY,
} from './delivery-attempts.service';
import { DeliveryRepository } from './delivery.repository';
import { WebhookDeliveriesService } from './webhook-deliveries.service';
import { WebhookDispatcherService } from './webhook-dispatcher.service';
import { WebhookOutboxModule } from './webhook-outbox.module';
import { WebhooksController } from './webhooks.controller';
import { WebhooksService } from './webhooks.service';

/**
 * Signed survey webhooks: the routes, and the dispatcher that sends the outbox's events
 * (written by the survey path through WebhookOutboxModule).
 */
@Module({
  imports: [LivechatModule, ReportsModule, WebhookOutboxModule, FollowupStoreModule],
  controllers: [WebhooksController],
  providers: [
    Clock,
    DeliveryRepository,
    FollowupFanOutService,
    DeliveryAttemptsService,
    WebhooksService,
    WebhookDeliveriesService,
    WebhookDispatcherService,
    makeCounterProvider({
      name: WEBHOOK_DELIVERIES,
      help: 'Webhook delivery attempts by outcome: delivered, retrying, failed.',
      labelNames: ['outcome'],
    }),
    makeHistogramProvider({
      name: WEBHOOK_LATENCY,
      help: 'Seconds from a survey submission (or a room close) to its webhook delivery (2xx).',
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 3600, 86_400],
    }),
  ],
  // The room.closed watcher inserts its deliveries and wakes the dispatcher.
  exports: [DeliveryRepository, WebhookDispatcherService],
})
export class WebhooksModule {}
