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

export const average = (value: number | null) =>
  value === null
    ? '–'
    : numberFormat('average', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);

export const dateTime = (iso: string, tz: string) =>
  dateFormat('dateTime', { dateStyle: 'medium', timeStyle: 'short', timeZone: tz }).format(
    new Date(iso),
  );

/** A report's day key (YYYY-MM-DD, already the report's wall-clock day) as the reader writes it. */
export const day = (key: string, style: 'medium' | 'short' = 'medium') =>
  dateFormat(`day-${style}`, { dateStyle: style, timeZone: 'UTC' }).format(
    new Date(`${key}T00:00:00Z`),
  );
