import { RocketChatError } from '../common/rocketchat-error';
import type { DeliveryDocument, WebhookDocument } from './webhook.schema';

export const invalid = (message: string) => RocketChatError.bracketed('invalid-params', message);
export const notFound = (what: string) =>
  RocketChatError.bracketed('error-not-found', `${what} not found`, 404);

/** A hook as the routes show it: never a secret, old or new. */
export const hookView = (hook: WebhookDocument, now: Date) => ({
  _id: hook._id,
  url: hook.url,
  events: hook.events,
  lowScoreThreshold: hook.lowScoreThreshold,
  active: hook.active !== false,
  description: hook.description || null,
  // While a rotation's overlap lasts, deliveries carry the replaced secret's signature too.
  previousSecretUntil:
    hook.previousSecretUntil && hook.previousSecretUntil > now ? hook.previousSecretUntil : null,
  createdAt: hook.createdAt,
});

export const deliveryView = (d: DeliveryDocument) => ({
  _id: d._id,
  eventId: d.eventId,
  type: d.type,
  status: d.status,
  attempts: d.attempts,
  lastStatus: d.lastStatus,
  lastError: d.lastError,
  nextAttemptAt: d.nextAttemptAt,
  createdAt: d.createdAt,
  deliveredAt: d.deliveredAt,
  history: d.history ?? [],
});
