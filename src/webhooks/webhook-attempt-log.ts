import type { Logger } from '@nestjs/common';
import type { Counter, Histogram } from 'prom-client';
import type { SendResult } from './webhook-sender';
import { PING, type AttemptRecord, type DeliveryDocument } from './webhook.schema';

/** Attempts kept per delivery: the schedule's 8 and a few manual ones; older ones drop off. */
export const MAX_ATTEMPT_RECORDS = 10;
/** A hook's failed attempts are logged at most once per this (its receiver may fail for hours). */
export const FAILURE_LOG_EVERY_MS = 60_000;

export function attemptRecord(result: SendResult, at: Date): AttemptRecord {
  return {
    at,
    status: result.status,
    error: result.status === null ? result.errorClass : null,
    durationMs: result.durationMs,
    response: result.response,
  };
}

/** `history` with `record` appended, the oldest dropped past MAX_ATTEMPT_RECORDS. */
export function appendRecord(
  history: readonly AttemptRecord[] | undefined,
  record: AttemptRecord,
): AttemptRecord[] {
  return [...(history ?? []), record].slice(-MAX_ATTEMPT_RECORDS);
}

/**
 * Whether a hook's failure may be logged now: once per FAILURE_LOG_EVERY_MS per hook; the ones
 * held back are counted and named in the next line that is logged.
 */
export class FailureLogThrottle {
  private readonly hooks = new Map<string, { loggedAt: number; suppressed: number }>();

  /** Null: hold this one back. Otherwise the count held back since the last line. */
  admit(hookId: string, now: number): number | null {
    const seen = this.hooks.get(hookId);
    if (seen && now - seen.loggedAt < FAILURE_LOG_EVERY_MS) {
      seen.suppressed++;
      return null;
    }
    this.hooks.set(hookId, { loggedAt: now, suppressed: 0 });
    // Entries of hooks quiet for a minute are dropped: the map holds the failing ones only.
    for (const [id, entry] of this.hooks) {
      if (now - entry.loggedAt >= FAILURE_LOG_EVERY_MS && id !== hookId) this.hooks.delete(id);
    }
    return seen?.suppressed ?? 0;
  }
}

/**
 * One line per attempt (info when delivered, warn when not, at most one warn per hook per
 * minute) and the metrics: ids, outcome, timing; never the URL's secrets, body or signature.
 */
export class AttemptLog {
  private readonly throttle = new FailureLogThrottle();

  constructor(
    private readonly logger: Logger,
    private readonly outcomes: Counter<string>,
    private readonly latency: Histogram<string>,
  ) {}

  record(
    delivery: DeliveryDocument,
    attempt: number,
    result: SendResult,
    fields: Partial<DeliveryDocument>,
  ): void {
    const outcome = fields.status === 'pending' ? 'retrying' : fields.status!;
    this.outcomes.inc({ outcome });
    // A ping answers no survey: it would only skew the submission-to-receiver latency.
    if (outcome === 'delivered' && delivery.type !== PING) {
      this.latency.observe((Date.now() - delivery.submittedAt.getTime()) / 1000);
    }
    const answer = result.status !== null ? `HTTP ${result.status}` : result.error;
    const line =
      `webhook ${delivery.hookId} delivery ${delivery._id} (${delivery.type}, webhook-id ${delivery.eventId}) attempt ${attempt}: ${answer} in ${result.durationMs} ms, ${outcome}` +
      (fields.nextAttemptAt ? `, next at ${fields.nextAttemptAt.toISOString()}` : '');
    if (outcome === 'delivered') {
      this.logger.log(line);
      return;
    }
    // A failed attempt is the operator's to see, but a receiver down for hours is one fact.
    const held = this.throttle.admit(delivery.hookId, Date.now());
    if (held === null) return;
    const note = held > 0 ? ` (${held} more failed attempts of this hook not logged)` : '';
    this.logger.warn(line + note);
  }
}
