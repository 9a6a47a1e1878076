import { writeView, type View } from './view';

/** The filters, kept in the page's query string so that a view can be shared as a link. */
export type Preset = 'today' | '7' | '30' | '90' | 'custom';

export interface Filters {
  preset: Preset;
  /** Custom range, both days included (YYYY-MM-DD). */
  from: string;
  to: string;
  tz: string;
  departmentId: string;
  agentId: string;
}

/** The period presets, in the order the menu lists them (their names: the catalogue's). */
export const PRESETS: Preset[] = ['today', '7', '30', '90', 'custom'];
const DEFAULT_PRESET: Preset = '30';
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** Today's date (YYYY-MM-DD) on the wall clock of `tz`. */
export function todayIn(tz: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: tz }).format(new Date());
}

export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

function knownTimeZone(tz: string | null): string | null {
  if (!tz) return null;
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return tz;
  } catch {
    return null;
  }
}

export function readFilters(search: string): Filters {
  const params = new URLSearchParams(search);
  const preset = PRESETS.includes(params.get('period') as Preset)
    ? (params.get('period') as Preset)
    : DEFAULT_PRESET;
  const tz = knownTimeZone(params.get('tz')) ?? browserTimeZone();
  const today = todayIn(tz);
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const custom = preset === 'custom' && DAY.test(from) && DAY.test(to) && from <= to;
  return {
    preset: preset === 'custom' && !custom ? DEFAULT_PRESET : preset,
    from: custom ? from : addDays(today, -29),
    to: custom ? to : today,
    tz,
    departmentId: params.get('department') ?? '',
    agentId: params.get('agent') ?? '',
  };
}

export function writeFilters(filters: Filters, view?: View): string {
  const params = new URLSearchParams({ period: filters.preset });
  if (filters.preset === 'custom') {
    params.set('from', filters.from);
    params.set('to', filters.to);
  }
  // Always: a shared link shows the same days to a reader in another time zone.
  params.set('tz', filters.tz);
  if (filters.departmentId) params.set('department', filters.departmentId);
  if (filters.agentId) params.set('agent', filters.agentId);
  if (view) writeView(view, params);
  return `?${params.toString()}`;
}

/** The API's period: [first day, day after the last) as wall-clock dates in `tz`. */
export function periodOf(filters: Filters): { from: string; to: string } {
  if (filters.preset === 'custom') return { from: filters.from, to: addDays(filters.to, 1) };
  const today = todayIn(filters.tz);
  const days = filters.preset === 'today' ? 1 : Number(filters.preset);
  return { from: addDays(today, 1 - days), to: addDays(today, 1) };
}

/** The query every report call shares; `without` leaves a filter out (for breakdown tables). */
export function apiParams(
  filters: Filters,
  without?: 'departmentId' | 'agentId',
): Record<string, string> {
  const params: Record<string, string> = { ...periodOf(filters), tz: filters.tz };
  if (filters.departmentId && without !== 'departmentId')
    params.departmentId = filters.departmentId;
  if (filters.agentId && without !== 'agentId') params.agentId = filters.agentId;
  return params;
}
