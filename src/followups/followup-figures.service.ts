import { Inject, Injectable } from '@nestjs/common';
import { appConfig, type AppConfig } from '../config/app.config';
import { isLowScore } from '../webhooks/webhook-events';
import { FollowupRepository, type FollowupState } from './followup.repository';
import type { FollowupStatus } from './followup.schema';

export interface FollowupFigures {
  open: number;
  contacted: number;
  resolved: number;
  /** Median of (first resolved − answer) over the resolved ones; null without any. */
  medianResolveMs: number | null;
}

/**
 * The queue's answers a report pass met: room id → answer time (ms). One entry per unhappy
 * answer of the period (a few MB at 100,000 of them), the only per-room memory of a report.
 */
export class FollowupTally {
  readonly answers = new Map<string, number>();

  constructor(private readonly queued: (satisfaction: string | undefined) => boolean) {}

  offer(rid: string, answeredAt: Date, satisfaction: string | undefined): void {
    if (this.queued(satisfaction)) this.answers.set(rid, answeredAt.getTime());
  }
}

/** A follow-up applies to the answer it was made for; a newer answer starts again at open. */
export function statusOf(
  answeredAt: number,
  followup: FollowupState | undefined,
): FollowupState | undefined {
  return followup?.answeredAt.getTime() === answeredAt ? followup : undefined;
}

/**
 * The report's `followups`: the queue's answers come from the report's own pass over the rooms,
 * their statuses from one read of the period's follow-ups (never a query per room).
 */
@Injectable()
export class FollowupFiguresService {
  constructor(
    private readonly followups: FollowupRepository,
    @Inject(appConfig.KEY) private readonly config: AppConfig,
  ) {}

  /** Whether an answer with this satisfaction belongs in the queue. */
  queued(satisfaction: string | undefined): boolean {
    return isLowScore(
      satisfaction,
      this.config.followups.maxSatisfaction,
      this.config.survey.values,
    );
  }

  tally(): FollowupTally {
    return new FollowupTally((satisfaction) => this.queued(satisfaction));
  }

  async figures(tally: FollowupTally, from: Date, to: Date): Promise<FollowupFigures> {
    const counts: Record<FollowupStatus, number> = { open: 0, contacted: 0, resolved: 0 };
    const durations: number[] = [];
    const states =
      tally.answers.size === 0
        ? new Map<string, FollowupState>()
        : new Map((await this.followups.answeredBetween(from, to)).map((f) => [f._id, f]));
    for (const [rid, answeredAt] of tally.answers) {
      const followup = statusOf(answeredAt, states.get(rid));
      const status = followup?.status ?? 'open';
      counts[status]++;
      if (status === 'resolved' && followup?.firstResolvedAt) {
        durations.push(followup.firstResolvedAt.getTime() - answeredAt);
      }
    }
    return { ...counts, medianResolveMs: median(durations) };
  }
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
