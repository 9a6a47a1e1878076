import {
  canonicalZone,
  type DayBuckets,
  offsetAt,
  parseInstant,
  shiftDay,
  wallClock,
} from './report-period';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** ISO weekday (1 Monday … 7 Sunday) of a `YYYY-MM-DD` calendar date. */
export function isoWeekday(day: string): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay() || 7;
}

/**
 * The local hour of an instant within a period's days. Intl costs tens of µs a call, so each
 * day's offset is read once: on a day the offset holds, the hour is arithmetic; only on the
 * days a zone changes its offset (a DST change) does each instant ask Intl.
 */
export class HourBuckets {
  /** Each day's offset from UTC in ms, or null on a day the offset changes. */
  private readonly offsets: (number | null)[];

  constructor(
    days: readonly string[],
    private readonly tz: string,
  ) {
    const starts = [...days, shiftDay(days[days.length - 1], 1)].map((day) =>
      parseInstant(day, tz)!.getTime(),
    );
    this.offsets = days.map((_, i) => {
      const offset = offsetAt(starts[i], tz);
      return offsetAt(starts[i + 1] - 1, tz) === offset ? offset : null;
    });
  }

  /** The hour (0–23) shown in the zone at `instant`, which lies in the period's `dayIndex`th day. */
  hourOf(instant: Date, dayIndex: number): number {
    const offset = this.offsets[dayIndex];
    if (offset === null) return wallClock(instant.getTime(), this.tz).hour;
    const local = (((instant.getTime() + offset) % DAY_MS) + DAY_MS) % DAY_MS;
    return Math.floor(local / HOUR_MS);
  }
}

/**
 * The local hour and ISO weekday of instants within a period's days: the report's weekday ×
 * hour buckets, and the drill-down's filter on them (one rule, so a cell opens its count).
 */
export function localClock(period: { days: string[]; dayOf: DayBuckets; tz: string }) {
  const weekdays = period.days.map(isoWeekday);
  const hours = new HourBuckets(period.days, canonicalZone(period.tz));
  return (at: Date): { hour: number; weekday: number } => {
    const index = period.dayOf.indexOf(at);
    return { hour: hours.hourOf(at, index), weekday: weekdays[index] };
  };
}
