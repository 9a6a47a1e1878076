/**
 * Periods and day buckets in an IANA time zone, with Intl only: a day is the calendar date the
 * zone's clocks show, so days are 23 or 25 hours long across DST changes.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: string): Intl.DateTimeFormat {
  let format = formatters.get(tz);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(tz, format);
  }
  return format;
}

/** Whether Intl knows the zone (the IANA names, and UTC). */
export function isTimeZone(tz: string): boolean {
  try {
    formatter(tz);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock fields the zone shows at `instant`. */
function wallClock(instant: number, tz: string) {
  const parts: Record<string, number> = {};
  for (const { type, value } of formatter(tz).formatToParts(instant)) {
    if (type !== 'literal') parts[type] = Number(value);
  }
  return parts as Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number>;
}

/** The zone's offset from UTC at `instant`, in ms. */
function offsetAt(instant: number, tz: string): number {
  const w = wallClock(instant, tz);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - (instant - (((instant % 1000) + 1000) % 1000));
}

/** `YYYY-MM-DD` of `instant` in the zone. Cached per UTC hour (offsets change on whole quarters). */
export class DayKeys {
  private readonly cache = new Map<number, string>();

  constructor(private readonly tz: string) {}

  of(instant: Date): string {
    const time = instant.getTime();
    // Within one UTC quarter-hour the local date can only change at a quarter-hour boundary
    // (every zone's offset is a multiple of 15 minutes), so the quarter-hour is the cache key.
    const quarter = Math.floor(time / 900_000);
    let key = this.cache.get(quarter);
    if (key === undefined) {
      const w = wallClock(quarter * 900_000, this.tz);
      key = `${w.year}-${pad(w.month)}-${pad(w.day)}`;
      if (this.cache.size > 100_000) this.cache.clear();
      this.cache.set(quarter, key);
    }
    return key;
  }
}

const pad = (n: number) => String(n).padStart(2, '0');

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?)?$/;

/**
 * An ISO-8601 instant. With `Z` or an offset, that instant; a date alone or a local date-time
 * is the zone's wall-clock time (`2026-03-01` is midnight in `tz`). Null when invalid.
 */
export function parseInstant(text: string, tz: string): Date | null {
  const local = LOCAL.exec(text);
  if (!local) {
    const instant = Date.parse(text);
    return Number.isNaN(instant) ? null : new Date(instant);
  }
  const [, y, mo, d, h = '0', mi = '0', s = '0', ms = '0'] = local;
  const fields = [Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)];
  const wall = Date.UTC(fields[0], fields[1], fields[2], fields[3], fields[4], fields[5]);
  const check = new Date(wall);
  if (check.getUTCMonth() !== fields[1] || check.getUTCDate() !== fields[2] || fields[3] > 23) {
    return null;
  }
  const millis = Number(ms.padEnd(3, '0'));
  // Two passes: the offset at the first guess may differ from the one at the result (DST).
  let instant = wall - offsetAt(wall, tz);
  instant = wall - offsetAt(instant, tz);
  return new Date(instant + millis);
}

/** Every calendar day from `first` to `last` (`YYYY-MM-DD`, inclusive). */
export function daysBetween(first: string, last: string): string[] {
  const days: string[] = [];
  const [y, m, d] = first.split('-').map(Number);
  for (let day = new Date(Date.UTC(y, m - 1, d)); ; day.setUTCDate(day.getUTCDate() + 1)) {
    const key = day.toISOString().slice(0, 10);
    if (key > last) return days;
    days.push(key);
  }
}

/**
 * The day of an instant within a period, by binary search over the instants each local day
 * starts: Intl's formatting costs tens of µs, once per day here instead of once per room.
 */
export class DayBuckets {
  private readonly starts: number[];

  constructor(
    private readonly days: readonly string[],
    tz: string,
  ) {
    this.starts = days.map((day) => parseInstant(day, tz)!.getTime());
  }

  /** The day of `instant`, which lies in the period (from its first day's start on). */
  of(instant: Date): string {
    const time = instant.getTime();
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.starts[middle] <= time) low = middle;
      else high = middle - 1;
    }
    return this.days[low];
  }
}
