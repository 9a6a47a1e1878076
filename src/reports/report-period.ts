/**
 * Periods and day buckets in an IANA time zone, with Intl only: a day is the calendar date the
 * zone's clocks show, so days are 23 or 25 hours long across DST changes.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
/**
 * Each formatter holds ~27 KB of ICU memory, and a zone has many accepted spellings
 * (`europe/PARIS`, 2,900 offsets): only canonical names are kept, and only this many, so no
 * sequence of requests can grow the cache.
 */
const MAX_FORMATTERS = 64;

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
    if (format.resolvedOptions().timeZone === tz) {
      if (formatters.size >= MAX_FORMATTERS) formatters.delete(formatters.keys().next().value!);
      formatters.set(tz, format);
    }
  }
  return format;
}

/** The zone's canonical name (`europe/paris` → `Europe/Paris`, `+0530` → `+05:30`). */
export function canonicalZone(tz: string): string {
  return formatter(tz).resolvedOptions().timeZone;
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
export function wallClock(instant: number, tz: string) {
  const parts: Record<string, number> = {};
  for (const { type, value } of formatter(tz).formatToParts(instant)) {
    if (type !== 'literal') parts[type] = Number(value);
  }
  return parts as Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number>;
}

/** The zone's offset from UTC at `instant`, in ms. */
export function offsetAt(instant: number, tz: string): number {
  const w = wallClock(instant, tz);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - (instant - (((instant % 1000) + 1000) % 1000));
}

/**
 * `YYYY-MM-DD` of an instant in the zone. Not cached: it names a period's ends (a few calls per
 * request), and no cache key short of the instant itself is safe, since offsets such as `+00:07`
 * or a historical LMT are not whole quarter hours.
 */
export class DayKeys {
  constructor(private readonly tz: string) {}

  of(instant: Date): string {
    const w = wallClock(instant.getTime(), this.tz);
    return `${w.year}-${pad(w.month)}-${pad(w.day)}`;
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
  return new Date(fromWallClock(wall, tz) + Number(ms.padEnd(3, '0')));
}

const DAY_MS = 86_400_000;

/**
 * The instant the zone's clocks show `wall` (a wall-clock time written as if UTC), resolved as
 * Temporal's "compatible" disambiguation does: a time shown twice (clocks going back) is its
 * earlier instant; a time never shown (clocks going forward, even over midnight as in
 * America/Santiago) is read with the offset before the change, so it lands after the gap.
 */
function fromWallClock(wall: number, tz: string): number {
  const before = offsetAt(wall - DAY_MS, tz);
  const after = offsetAt(wall + DAY_MS, tz);
  if (before === after) return wall - before;
  const candidates = [wall - before, wall - after].filter(
    (instant) => wall - offsetAt(instant, tz) === instant,
  );
  return candidates.length > 0 ? Math.min(...candidates) : wall - before;
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

/** The day `n` calendar days after `day` (before, when negative). */
export function shiftDay(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
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
    return this.days[this.indexOf(instant)];
  }

  /** The position of `instant`'s day in the period. */
  indexOf(instant: Date): number {
    const time = instant.getTime();
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.starts[middle] <= time) low = middle;
      else high = middle - 1;
    }
    return low;
  }
}
