import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import type { Counter, Histogram } from 'prom-client';
import { Clock } from '../common/clock';
import { appConfig, type AppConfig } from '../config/app.config';
import { DeliveryRepository } from './delivery.repository';
import { appendRecord, AttemptLog, attemptRecord } from './webhook-attempt-log';
import { attemptOutcome } from './webhook-events';
import { send, type SendResult } from './webhook-sender';
import { WebhookRepository } from './webhook.repository';
import type { DeliveryDocument, WebhookDocument } from './webhook.schema';

export const WEBHOOK_DELIVERIES = 'livechat_survey_webhook_deliveries_total';
export const WEBHOOK_LATENCY = 'livechat_survey_webhook_delivery_latency_seconds';

/** A lease this much older than the timeout belongs to an instance that died mid-attempt. */
const LEASE_GRACE_MS = 5000;
const HOOK_GONE: SendResult = {
  status: null,
  error: 'webhook deleted',
  errorClass: null,
  durationMs: 0,
  response: null,
};

/**
 * Each attempt of a delivery, scheduled or asked for: claimed by inserting its lease
 * `<delivery>#<attempt>` (one inserter wins, whatever the instance count), sent, recorded.
 */
@Injectable()
export class DeliveryAttemptsService {
  private readonly logger = new Logger('Webhooks');
  private readonly attemptLog: AttemptLog;

  constructor(
    private readonly deliveries: DeliveryRepository,
    private readonly hooks: WebhookRepository,
    private readonly clock: Clock,
    @Inject(appConfig.KEY) private readonly config: AppConfig,
    @InjectMetric(WEBHOOK_DELIVERIES) outcomes: Counter<string>,
    @InjectMetric(WEBHOOK_LATENCY) latency: Histogram<string>,
  ) {
    this.attemptLog = new AttemptLog(this.logger, outcomes, latency);
  }

  /**
   * Sends attempt `attempts + 1` if this instance wins its lease and the delivery is still
   * where it was read (same status, same attempt count). A scheduled attempt skips a paused
   * hook (its delivery stays pending); a manual one (retry, ping) does not. `final`: a failure
   * is not retried on the schedule. Returns the delivery as it stands.
   */
  async attempt(
    delivery: DeliveryDocument,
    { scheduled, final = false }: { scheduled: boolean; final?: boolean },
  ): Promise<DeliveryDocument | null> {
    const number = delivery.attempts + 1;
    const { timeoutMs, allowPrivate, retryScheduleMs } = this.config.webhooks;
    if (!(await this.deliveries.claim(delivery._id, number, this.staleBefore()))) {
      return this.deliveries.findOne(delivery._id);
    }
    try {
      const current = await this.deliveries.findOne(delivery._id);
      if (
        !current ||
        current.attempts !== delivery.attempts ||
        current.status !== delivery.status
      ) {
        return current;
      }
      const hook = await this.hooks.findOne(current.hookId);
      if (scheduled && hook?.active === false) return current;
      const result: SendResult = hook
        ? await send(
            {
              url: hook.url,
              secrets: this.secrets(hook),
              messageId: current.eventId,
              body: current.body,
            },
            { allowPrivate, timeoutMs },
          )
        : HOOK_GONE;
      const now = new Date();
      const fields = {
        ...attemptOutcome(number, final || current.manual || !hook, result, retryScheduleMs, now),
        history: appendRecord(current.history, attemptRecord(result, now)),
      };
      await this.deliveries.update(current._id, fields);
      this.attemptLog.record(current, number, result, fields);
      return { ...current, ...fields };
    } finally {
      await this.deliveries.release(delivery._id, number);
    }
  }

  /** The hook's secret, and during a rotation's overlap the one it replaced. */
  private secrets(hook: WebhookDocument): string[] {
    const overlapping =
      hook.previousSecret &&
      hook.previousSecretUntil &&
      hook.previousSecretUntil > this.clock.now();
    return overlapping ? [hook.secret, hook.previousSecret!] : [hook.secret];
  }

  /**
   * Puts a failed delivery back in the queue for one attempt (`manual`), under the lease of that
   * attempt: a concurrent retry of the same delivery sends it, or this requeues it, not both.
   */
  async requeue(delivery: DeliveryDocument, now: Date): Promise<boolean> {
    const number = delivery.attempts + 1;
    if (!(await this.deliveries.claim(delivery._id, number, this.staleBefore()))) return false;
    try {
      const current = await this.deliveries.findOne(delivery._id);
      if (current?.status !== 'failed' || current.attempts !== delivery.attempts) return false;
      await this.deliveries.update(current._id, {
        status: 'pending',
        manual: true,
        nextAttemptAt: now,
      });
      return true;
    } finally {
      await this.deliveries.release(delivery._id, number);
    }
  }

  private staleBefore(): Date {
    return new Date(Date.now() - this.config.webhooks.timeoutMs - LEASE_GRACE_MS);
  }
}
