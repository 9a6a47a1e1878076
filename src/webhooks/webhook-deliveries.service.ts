import { Injectable } from '@nestjs/common';
import { DeliveryAttemptsService } from './delivery-attempts.service';
import { DeliveryRepository } from './delivery.repository';
import type { DeliveriesQueryDto } from './dto/webhook.dto';
import { WebhookDispatcherService } from './webhook-dispatcher.service';
import { pingDelivery } from './webhook-ping';
import { deliveryView, invalid, notFound } from './webhook-views';
import { WebhookRepository } from './webhook.repository';
import type { WebhookDocument } from './webhook.schema';

/** Failed deliveries requeued per bulk call: each costs a few writes (lease, update, release). */
export const BULK_RETRY_LIMIT = 500;

/** A hook's deliveries: the list, retry now (one or every failed one), the ping. */
@Injectable()
export class WebhookDeliveriesService {
  constructor(
    private readonly hooks: WebhookRepository,
    private readonly deliveries: DeliveryRepository,
    private readonly attempts: DeliveryAttemptsService,
    private readonly dispatcher: WebhookDispatcherService,
  ) {}

  async list(id: string, query: DeliveriesQueryDto) {
    await this.hook(id);
    const offset = query.offset ?? 0;
    const [rows, total] = await Promise.all([
      this.deliveries.listOfHook(id, query.status, offset, query.count ?? 50),
      this.deliveries.countOfHook(id, query.status),
    ]);
    return { deliveries: rows.map(deliveryView), count: rows.length, offset, total };
  }

  /**
   * Sends a pending or failed delivery now, within the request, under the same lease as a
   * scheduled attempt (a race with the scheduler sends it once). A failed one gets one attempt;
   * a pending one that fails stays on its schedule. Answers with the delivery as it then stands.
   */
  async retry(id: string, deliveryId: string) {
    await this.hook(id);
    const delivery = await this.deliveries.findOne(deliveryId);
    if (!delivery || delivery.hookId !== id) throw notFound('Delivery');
    if (delivery.status === 'delivered') {
      throw invalid('only a pending or failed delivery can be retried');
    }
    const after = await this.attempts.attempt(delivery, {
      scheduled: false,
      final: delivery.status === 'failed',
    });
    return { delivery: deliveryView(after ?? delivery) };
  }

  /** Requeues up to BULK_RETRY_LIMIT failed deliveries, oldest first, for one attempt each. */
  async retryFailed(id: string) {
    await this.hook(id);
    const now = new Date();
    let count = 0;
    for (const delivery of await this.deliveries.failedOfHook(id, BULK_RETRY_LIMIT)) {
      if (await this.attempts.requeue(delivery, now)) count++;
    }
    if (count > 0) this.dispatcher.poll();
    return { count };
  }

  /**
   * A `ping` to this hook only, now, recorded in its deliveries; paused or not (it is how a
   * receiver is checked before the hook is resumed). Never retried.
   */
  async ping(id: string) {
    const hook = await this.hook(id);
    const delivery = pingDelivery(hook, new Date());
    await this.deliveries.insert(delivery);
    const after =
      (await this.attempts.attempt(delivery, { scheduled: false, final: true })) ?? delivery;
    const last = after.history?.at(-1) ?? null;
    return { outcome: last, delivery: deliveryView(after) };
  }

  private async hook(id: string): Promise<WebhookDocument> {
    const hook = await this.hooks.findOne(id);
    if (!hook) throw notFound('Webhook');
    return hook;
  }
}
