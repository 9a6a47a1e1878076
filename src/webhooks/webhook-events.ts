import type { ReportRoom } from '../livechat/room/room-report.repository';
import {
  FOLLOWED_UP,
  type DeliveryDocument,
  type EventType,
  type FollowedUpData,
  type SurveyEventDocument,
  type WebhookDocument,
} from './webhook.schema';

const SUFFIX: Record<EventType, string> = {
  'survey.submitted': 'sub',
  'survey.low_score': 'low',
  'room.closed': 'closed',
  'survey.followed_up': 'fu',
};

/** Whether `satisfaction` is at or under `threshold`: numerically, else by SURVEY_VALUES order. */
export function isLowScore(
  satisfaction: string | undefined,
  threshold: string,
  values: readonly string[],
): boolean {
  if (satisfaction === undefined) return false;
  const [a, b] = [Number(satisfaction), Number(threshold)];
  if (Number.isFinite(a) && Number.isFinite(b)) return a <= b;
  const index = values.indexOf(satisfaction);
  return index >= 0 && index <= values.indexOf(threshold);
}

/**
 * Whether an event's answers were stored: marked so by room.survey, or else (its mark lost to a
 * failure right after the room write) found on the room, which carries their time.
 */
export function answersStored(event: SurveyEventDocument, room: ReportRoom | null): boolean {
  if (event.stored !== false) return true;
  return room?.surveyFeedbackAt?.getTime() === event.submittedAt.getTime();
}

/** The Standard Webhooks payload's `data`: answers, agent, department; never visitor data. */
export function eventData(event: SurveyEventDocument, room: ReportRoom | null) {
  const agent = room?.servedBy?._id
    ? { _id: room.servedBy._id, username: room.servedBy.username ?? null }
    : null;
  return {
    rid: event.rid,
    submittedAt: event.submittedAt.toISOString(),
    items: event.items,
    comment: event.comment,
    agent,
    departmentId: room?.departmentId ?? null,
    source: event.source ?? 'widget',
  };
}

/** A follow-up change's deliveries: one per hook subscribed to survey.followed_up. */
export function followupDeliveries(
  event: SurveyEventDocument & { followup: FollowedUpData },
  hooks: readonly WebhookDocument[],
  now: Date,
): DeliveryDocument[] {
  // A hook hears of the changes made since it was registered.
  return hooks
    .filter((hook) => hook.events.includes(FOLLOWED_UP) && hook.createdAt <= event.submittedAt)
    .map((hook) =>
      newDelivery(event._id, hook, FOLLOWED_UP, event.submittedAt, event.followup, now),
    );
}

/** The deliveries one event makes for one hook: one per subscribed type that applies. */
export function deliveriesFor(
  event: SurveyEventDocument,
  hook: WebhookDocument,
  data: ReturnType<typeof eventData>,
  values: readonly string[],
  now: Date,
): DeliveryDocument[] {
  const types = hook.events.filter(
    (type) =>
      type === 'survey.submitted' ||
      (type === 'survey.low_score' &&
        isLowScore(event.items.satisfaction, hook.lowScoreThreshold, values)),
  );
  return types.map((type) => newDelivery(event._id, hook, type, event.submittedAt, data, now));
}

/**
 * A pending delivery of one event of `type` to `hook`. Its `_id` is made of the event, hook and
 * type, so whoever inserts it second (another instance, a second fan-out) inserts nothing.
 */
export function newDelivery(
  eventKey: string,
  hook: WebhookDocument,
  type: EventType,
  at: Date,
  data: object,
  now: Date,
): DeliveryDocument {
  return {
    _id: `${eventKey}_${hook._id}_${SUFFIX[type]}`,
    hookId: hook._id,
    eventId: `msg_${eventKey}_${SUFFIX[type]}`,
    type,
    body: JSON.stringify({ type, timestamp: at.toISOString(), data }),
    submittedAt: at,
    status: 'pending',
    attempts: 0,
    manual: false,
    lastStatus: null,
    lastError: null,
    nextAttemptAt: now,
    createdAt: now,
    deliveredAt: null,
  };
}

/** What an attempt leaves on its delivery. */
export function attemptOutcome(
  attempt: number,
  manual: boolean,
  result: { status: number | null; error: string | null },
  scheduleMs: readonly number[],
  now: Date,
): Partial<DeliveryDocument> {
  const ok = result.status !== null && result.status >= 200 && result.status < 300;
  const common = { attempts: attempt, lastStatus: result.status, manual: false };
  if (ok) {
    return {
      ...common,
      status: 'delivered',
      lastError: null,
      nextAttemptAt: null,
      deliveredAt: now,
    };
  }
  const lastError = result.error ?? `HTTP ${result.status}`;
  const wait = scheduleMs[attempt - 1];
  if (manual || wait === undefined) {
    return { ...common, status: 'failed', lastError, nextAttemptAt: null };
  }
  // ±20 %: receivers that failed together are not all retried in the same second.
  const jittered = Math.round(wait * (0.8 + 0.4 * Math.random()));
  return {
    ...common,
    status: 'pending',
    lastError,
    nextAttemptAt: new Date(now.getTime() + jittered),
  };
}
