import type { ReportRoom } from '../livechat/room/room-report.repository';
import { Tally, type Response, type SurveyScale } from './report-fold';
import type { Keyer } from './report-grouping';
import type { Period } from './report-period.service';

interface Group {
  tally: Tally;
  label: string | null;
  /** When the label was seen: the latest room's agent username wins. */
  labelAt: number;
}

/**
 * One period's running totals: its summary and, with a keyer, its groups. A report folds each
 * room into every period it counts in (compare=previous: a room closed in the previous period
 * may be answered in the current one).
 */
export class PeriodFold {
  readonly summary: Tally;
  private readonly groups = new Map<string | null, Group>();

  constructor(
    private readonly scale: SurveyScale,
    readonly period: Period,
    private readonly keyOf?: Keyer,
  ) {
    this.summary = new Tally(scale);
  }

  add(room: ReportRoom, response: Response | null): void {
    if (this.holds(room.closedAt)) {
      this.summary.addClosed();
      this.group(room, room.closedAt)?.addClosed();
    }
    if (response && this.holds(response.at)) {
      this.summary.addResponse(response);
      this.group(room, response.at)?.addResponse(response);
    }
  }

  /** The keys seen, in no particular order. */
  keys(): (string | null)[] {
    return [...this.groups.keys()];
  }

  tally(key: string | null): Tally {
    return this.groups.get(key)?.tally ?? new Tally(this.scale);
  }

  label(key: string | null): string | null {
    return this.groups.get(key)?.label ?? null;
  }

  private holds(at: Date | undefined): at is Date {
    return at !== undefined && at >= this.period.from && at < this.period.to;
  }

  private group(room: ReportRoom, at: Date): Tally | undefined {
    const found = this.keyOf?.(room, at);
    if (!found) return undefined;
    const [key, label] = found;
    let entry = this.groups.get(key);
    if (!entry) this.groups.set(key, (entry = { tally: new Tally(this.scale), label, labelAt: 0 }));
    if (label !== null && at.getTime() >= entry.labelAt) {
      entry.label = label;
      entry.labelAt = at.getTime();
    }
    return entry.tally;
  }
}
