/** Formatting only, through Intl in the reader's locale: every number shown is the API's. */
import { locale, t } from './i18n';

export const itemLabel = (name: string) => t().items[name] ?? name;

/** Fewer satisfaction answers than this: the row's CSAT is marked as a small sample. */
export const SMALL_SAMPLE = 30;

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function numberFormat(key: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const id = `${locale()}|n|${key}`;
  if (!cache.has(id)) cache.set(id, new Intl.NumberFormat(locale(), options));
  return cache.get(id) as Intl.NumberFormat;
}
function dateFormat(key: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const id = `${locale()}|d|${key}|${options.timeZone ?? ''}`;
  if (!cache.has(id)) cache.set(id, new Intl.DateTimeFormat(locale(), options));
  return cache.get(id) as Intl.DateTimeFormat;
}

const PERCENT = { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 } as const;

export const count = (value: number) => numberFormat('count', {}).format(value);

export const percent = (share: number | null) =>
  share === null ? '–' : numberFormat('percent', PERCENT).format(share);

/** A whole percentage (an axis tick: 0–100). */
export const wholePercent = (value: number) =>
  numberFormat('whole', { style: 'percent', maximumFractionDigits: 0 }).format(value / 100);

export const interval = (range: [number, number] | null) =>
  range === null ? t().figures.noInterval : numberFormat('percent', PERCENT).formatRange(...range);

const AVERAGE = { minimumFractionDigits: 2, maximumFractionDigits: 2 } as const;

/** An average; `signed` for a change (+0.25, −0.10). */
export const average = (value: number | null, signed = false) =>
  value === null
    ? '–'
    : numberFormat(signed ? 'signed-average' : 'average', {
        ...AVERAGE,
        signDisplay: signed ? 'exceptZero' : 'auto',
      }).format(value);

/** A difference of two shares in percentage points, signed, one decimal. */
export const points = (share: number) =>
  numberFormat('points', {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
    signDisplay: 'exceptZero',
  }).format(share * 100);

/** A duration (the median time to resolve) in the largest unit that keeps it ≥ 1. */
export function duration(ms: number | null): string {
  if (ms === null) return '–';
  const [unit, size] =
    ms >= 172_800_000
      ? ['day', 86_400_000]
      : ms >= 3_600_000
        ? ['hour', 3_600_000]
        : ['minute', 60_000];
  return numberFormat(`duration-${unit}`, {
    style: 'unit',
    unit,
    unitDisplay: 'long',
    maximumFractionDigits: 1,
  }).format(ms / size);
}

/** A weekday's name: ISO 1 (Monday) … 7 (Sunday). 2024-01-01 was a Monday. */
export const weekdayName = (iso: number, style: 'long' | 'short' = 'long') =>
  dateFormat(`weekday-${style}`, { weekday: style, timeZone: 'UTC' }).format(
    new Date(Date.UTC(2024, 0, iso)),
  );

/** An hour of the day (0–23) as the reader's clock writes it. */
export const hourName = (hour: number) =>
  dateFormat('hour', { hour: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(2024, 0, 1, hour)),
  );

export const dateTime = (iso: string, tz: string) =>
  dateFormat('dateTime', { dateStyle: 'medium', timeStyle: 'short', timeZone: tz }).format(
    new Date(iso),
  );

/** A report's day key (YYYY-MM-DD, already the report's wall-clock day) as the reader writes it. */
export const day = (key: string, style: 'medium' | 'short' = 'medium') =>
  dateFormat(`day-${style}`, { dateStyle: style, timeZone: 'UTC' }).format(
    new Date(`${key}T00:00:00Z`),
  );
