import { randomId } from '../common/random-id';
import { PING, type DeliveryDocument, type WebhookDocument } from './webhook.schema';

/**
 * How long a ping's delivery is kept from the scheduler: the route sends it at once; only if
 * its instance died before, the scheduler sends it (once, `manual`) after this.
 */
export const PING_HOLD_MS = 60_000;

/** A `ping` to one hook: `{type:"ping", timestamp, data:{webhookId}}`, its own `webhook-id`. */
export function pingDelivery(hook: WebhookDocument, now: Date): DeliveryDocument {
  const key = randomId();
  return {
    _id: `ping_${key}_${hook._id}`,
    hookId: hook._id,
    eventId: `msg_ping_${key}`,
    type: PING,
    body: JSON.stringify({
      type: PING,
      timestamp: now.toISOString(),
      data: { webhookId: hook._id },
    }),
    submittedAt: now,
    status: 'pending',
    attempts: 0,
    manual: true,
    lastStatus: null,
    lastError: null,
    nextAttemptAt: new Date(now.getTime() + PING_HOLD_MS),
    createdAt: now,
    deliveredAt: null,
  };
}
