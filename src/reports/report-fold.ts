import type { ReportRoom } from '../livechat/room/room-report.repository';
import type { SurveySource } from '../livechat/room/room.repository';
import { FREE_TEXT_ITEM, SurveyRules } from '../livechat/survey/survey-rules';
import type { Figures, ItemFigures } from './report-figures';
import { wilson, type Proportion, type Sample } from './report-statistics';

export interface SurveyScale {
  items: readonly string[];
  values: readonly string[];
  satisfied: readonly string[];
}

/** The item that CSAT reads. */
export const SATISFACTION = 'satisfaction';

/** A room's kept answers (Rocket.Chat's own filter) and when they count, or null if none. */
export interface Response {
  at: Date;
  items: Record<string, string>;
  comment: string | null;
  source: SurveySource;
}

/** When a response counts: its submission, else the close, else the room's creation. */
export function responseTime(room: ReportRoom): Date | undefined {
  return room.surveyFeedbackAt ?? room.closedAt ?? room.ts;
}

export function responseOf(room: ReportRoom, rules: SurveyRules): Response | null {
  const at = responseTime(room);
  const stored = room.surveyFeedback;
  if (!at || typeof stored !== 'object' || stored === null) return null;
  const answers = Object.entries(stored)
    .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
    .map(([name, value]) => ({ name, value }));
  const kept = rules.keep(answers);
  if (!kept) return null;
  const { [FREE_TEXT_ITEM]: comment, ...items } = kept;
  return { at, items, comment: comment ?? null, source: sourceOf(room) };
}

/** Only the hosted page marks its answers; everything else (widget, Rocket.Chat) is the widget's. */
export function sourceOf(room: ReportRoom): SurveySource {
  return room.surveyFeedbackSource === 'link' ? 'link' : 'widget';
}

/**
 * The running totals of one group. Memory is a few counters per configured item and value:
 * a report holds one of these per group, never a room.
 */
export class Tally {
  private responses = 0;
  private roomsClosed = 0;
  private comments = 0;
  private readonly bySource = { widget: 0, link: 0 };
  private readonly counts: Map<string, Map<string, number>>;

  constructor(private readonly scale: SurveyScale) {
    this.counts = new Map(
      scale.items.map((item) => [item, new Map(scale.values.map((value) => [value, 0]))]),
    );
  }

  addClosed(): void {
    this.roomsClosed++;
  }

  addResponse(response: Response): void {
    this.responses++;
    this.bySource[response.source]++;
    if (response.comment !== null && response.comment.trim() !== '') this.comments++;
    for (const [item, value] of Object.entries(response.items)) {
      const distribution = this.counts.get(item)!;
      distribution.set(value, distribution.get(value)! + 1);
    }
  }

  /** Satisfied answers out of satisfaction answers: what csat reads. */
  csat(): Proportion {
    const satisfaction = this.counts.get(SATISFACTION);
    const n = satisfaction ? sum(satisfaction.values()) : 0;
    const successes = this.scale.satisfied.reduce((k, v) => k + (satisfaction?.get(v) ?? 0), 0);
    return { successes, n };
  }

  /** Responses out of closed rooms, capped as responseRate is. */
  responseRate(): Proportion {
    return { successes: Math.min(this.responses, this.roomsClosed), n: this.roomsClosed };
  }

  /**
   * Each item's answers as Welch needs them, from the value counts: the counts already hold
   * every sum of squares, so no second pass and no extra state. Null on a non-numeric scale.
   */
  samples(): Record<string, Sample | null> {
    const samples: Record<string, Sample | null> = {};
    for (const [item, distribution] of this.counts) samples[item] = sampleOf(distribution);
    return samples;
  }

  figures(): Figures {
    const items: Record<string, ItemFigures> = {};
    for (const [item, distribution] of this.counts) items[item] = itemFigures(distribution);
    const { successes: satisfied, n: answered } = this.csat();
    return {
      responses: this.responses,
      roomsClosed: this.roomsClosed,
      // Answers given in the period to rooms closed before it can outnumber its closed rooms.
      responseRate: this.roomsClosed === 0 ? null : Math.min(1, this.responses / this.roomsClosed),
      csat: answered === 0 ? null : satisfied / answered,
      csatInterval: answered === 0 ? null : wilson(satisfied, answered),
      comments: this.comments,
      bySource: { ...this.bySource },
      items,
    };
  }
}

function sum(values: Iterable<number>): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}

function itemFigures(distribution: Map<string, number>): ItemFigures {
  const count = sum(distribution.values());
  return {
    count,
    average: sampleOf(distribution)?.mean ?? null,
    distribution: Object.fromEntries(distribution),
  };
}

/** n, mean and variance of the answers; null without answers or on a non-numeric scale. */
function sampleOf(distribution: Map<string, number>): Sample | null {
  // An average only on a numeric scale (the default "1".."5"); null for labels such as "good".
  const numeric = [...distribution.keys()].every((value) => Number.isFinite(Number(value)));
  const n = sum(distribution.values());
  if (n === 0 || !numeric) return null;
  let total = 0;
  for (const [value, k] of distribution) total += Number(value) * k;
  const mean = total / n;
  let squares = 0;
  for (const [value, k] of distribution) squares += k * (Number(value) - mean) ** 2;
  return { n, mean, variance: n < 2 ? 0 : squares / (n - 1) };
}
