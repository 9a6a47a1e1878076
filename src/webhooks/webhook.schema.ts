/**
 * The webhooks feature's collections. Plain driver collections (no Mongoose model): every write
 * is an insert under a unique `_id` or an update by the one instance that holds its lease, which
 * is what FerretDB v1 (no transactions, read-modify-write updates) can be trusted with.
 */
export const WEBHOOKS_COLLECTION = 'livechat_survey_webhooks';
/** The outbox: one document per survey submission, written before its answers are. */
export const EVENTS_COLLECTION = 'livechat_survey_events';
export const DELIVERIES_COLLECTION = 'livechat_survey_deliveries';
/** One document per (delivery, attempt): whoever inserts it sends that attempt. */
export const LEASES_COLLECTION = 'livechat_survey_delivery_leases';

/**
 * The driver `comment` on the dispatcher's and the hook count's own queries: they run beside
 * requests, and command monitoring (the tests' round-trip counts) tells them apart by it.
 */
export const BACKGROUND = { comment: 'livechat-survey:webhooks-background' } as const;

export const EVENT_TYPES = [
  'survey.submitted',
  'survey.low_score',
  'room.closed',
  'survey.followed_up',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];
/** The types a survey submission's event fans out into (room.closed has its own watcher). */
export const SURVEY_EVENT_TYPES: readonly EventType[] = ['survey.submitted', 'survey.low_score'];
export const ROOM_CLOSED: EventType = 'room.closed';
export const FOLLOWED_UP: EventType = 'survey.followed_up';

/** A survey.followed_up event's `data`: the change and who made it; never visitor data. */
export interface FollowedUpData {
  rid: string;
  status: string;
  previousStatus: string;
  note: string | null;
  by: { _id: string; username: string | null };
  at: string;
}

/** Sent only by the ping route, to one hook: never subscribed to, never fanned out. */
export const PING = 'ping';
export type DeliveryType = EventType | typeof PING;

export interface WebhookDocument {
  _id: string;
  url: string;
  events: EventType[];
  lowScoreThreshold: string;
  /** `whsec_` + base64: needed in clear to sign; never listed. */
  secret: string;
  createdAt: Date;
  /** False: paused (deliveries wait, pending); absent on hooks made before pausing existed. */
  active?: boolean;
  description?: string;
  /** The secret a rotation replaced, still signed with until `previousSecretUntil`. */
  previousSecret?: string;
  previousSecretUntil?: Date;
}

/** How an attempt ended without an HTTP answer (the error message stays in `lastError`). */
export const ATTEMPT_ERRORS = [
  'timeout',
  'refused',
  'dns',
  'tls',
  'reset',
  'blocked',
  'network',
] as const;
export type AttemptError = (typeof ATTEMPT_ERRORS)[number];

/** One attempt as the deliveries route shows it; never a header or the signature. */
export interface AttemptRecord {
  at: Date;
  status: number | null;
  error: AttemptError | null;
  durationMs: number;
  /** The first 200 bytes of the receiver's answer (UTF-8, a cut character replaced). */
  response: string | null;
}

export interface SurveyEventDocument {
  _id: string;
  rid: string;
  submittedAt: Date;
  /** The kept answers, the free-text one apart. */
  items: Record<string, string>;
  comment: string | null;
  /**
   * False from its write until its answers are stored (room.survey marks it). Absent on events
   * written before this flag existed, which were written after their answers.
   */
  stored?: boolean;
  /** Widget or hosted page; events written before sources existed were the widget's. */
  source?: 'widget' | 'link';
  /**
   * Set on a follow-up change's event (survey.followed_up only; `items` empty): its payload.
   * Its `stored` mark is the follow-up's write, which records this event's id.
   */
  followup?: FollowedUpData;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

export interface DeliveryDocument {
  /** `<event id>_<hook id>_<type suffix>`: unique, so a second fan-out inserts nothing. */
  _id: string;
  hookId: string;
  /** The Standard Webhooks message id (`webhook-id`), the same on every attempt. */
  eventId: string;
  type: DeliveryType;
  /** The exact bytes signed and sent on every attempt. */
  body: string;
  /** When the survey was submitted, or the room closed (the latency metric starts there). */
  submittedAt: Date;
  status: DeliveryStatus;
  attempts: number;
  /** A manual retry is one attempt: it ends in delivered or failed. */
  manual: boolean;
  lastStatus: number | null;
  lastError: string | null;
  nextAttemptAt: Date | null;
  createdAt: Date;
  deliveredAt: Date | null;
  /** The latest attempts, oldest first, at most MAX_ATTEMPT_RECORDS; absent before any. */
  history?: AttemptRecord[];
}

export interface LeaseDocument {
  _id: string;
  takenAt: Date;
}
