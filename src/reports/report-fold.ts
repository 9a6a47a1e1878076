import type { ReportRoom } from '../livechat/room/room-report.repository';
import type { SurveySource } from '../livechat/room/room.repository';
import { FREE_TEXT_ITEM, SurveyRules } from '../livechat/survey/survey-rules';
import type { Figures, ItemFigures } from './report-figures';

export interface SurveyScale {
  items: readonly string[];
  values: readonly string[];
  satisfied: readonly string[];
}

/** The item that CSAT reads. */
export const SATISFACTION = 'satisfaction';
const Z = 1.96;

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

  figures(): Figures {
    const items: Record<string, ItemFigures> = {};
    for (const [item, distribution] of this.counts) items[item] = itemFigures(distribution);
    const satisfaction = this.counts.get(SATISFACTION);
    const answered = satisfaction ? sum(satisfaction.values()) : 0;
    const satisfied = this.scale.satisfied.reduce((n, v) => n + (satisfaction?.get(v) ?? 0), 0);
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
  // An average only on a numeric scale (the default "1".."5"); null for labels such as "good".
  const numeric = [...distribution.keys()].every((value) => Number.isFinite(Number(value)));
  let total = 0;
  for (const [value, n] of distribution) total += Number(value) * n;
  return {
    count,
    average: count === 0 || !numeric ? null : total / count,
    distribution: Object.fromEntries(distribution),
  };
}

/**
 * The 95 % Wilson score interval of `successes` out of `n`: unlike p ± z·se it stays inside
 * [0, 1] and is wide for small n, so 3 answers do not read like 300.
 */
export function wilson(successes: number, n: number): [number, number] {
  const p = successes / n;
  const z2 = Z * Z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const margin = (Z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  return [Math.max(0, centre - margin), Math.min(1, centre + margin)];
}
