/**
 * Which view the page shows and, for the answers, which figure they are behind: kept in the query
 * string beside the filters, so a drill-down is a link to share and survives a reload.
 */
export type ViewName = 'overview' | 'answers' | 'followups' | 'hours';
export const VIEWS: ViewName[] = ['overview', 'answers', 'followups', 'hours'];
export type Order = 'newest' | 'lowest';
export type Status = '' | 'open' | 'contacted' | 'resolved';

export interface View {
  name: ViewName;
  /** survey.responses' narrowing filters (each '' when unset). */
  day: string;
  hour: string;
  weekday: string;
  item: string;
  value: string;
  q: string;
  order: Order;
  /** 0-based page of the answers or the follow-ups. */
  page: number;
  status: Status;
}

const DRILL = ['day', 'hour', 'weekday', 'item', 'value', 'q'] as const;
export const PAGE_SIZE = 20;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const INTEGER = /^\d{1,2}$/;

export const emptyView = (name: ViewName = 'overview'): View => ({
  name,
  day: '',
  hour: '',
  weekday: '',
  item: '',
  value: '',
  q: '',
  order: 'newest',
  page: 0,
  status: '',
});

/** What the URL says; anything malformed is left out (the API would refuse it). */
export function readView(search: string): View {
  const params = new URLSearchParams(search);
  const get = (key: string) => params.get(key) ?? '';
  const name = VIEWS.find((v) => v === get('view')) ?? 'overview';
  const status = (['open', 'contacted', 'resolved'] as const).find((s) => s === get('status'));
  const page = Number(get('page'));
  return {
    ...emptyView(name),
    day: DAY.test(get('day')) ? get('day') : '',
    hour: INTEGER.test(get('hour')) ? get('hour') : '',
    weekday: /^[1-7]$/.test(get('weekday')) ? get('weekday') : '',
    item: get('item') && get('value') ? get('item') : '',
    value: get('item') && get('value') ? get('value') : '',
    q: get('q').slice(0, 200),
    order: get('order') === 'lowest' ? 'lowest' : 'newest',
    page: Number.isInteger(page) && page > 0 ? page : 0,
    status: status ?? '',
  };
}

/** The view's part of the query string (appended to the filters'). */
export function writeView(view: View, params: URLSearchParams): void {
  if (view.name === 'overview') return;
  params.set('view', view.name);
  if (view.name === 'answers') {
    for (const key of DRILL) if (view[key]) params.set(key, view[key]);
    if (view.order !== 'newest') params.set('order', view.order);
  }
  if (view.name === 'followups' && view.status) params.set('status', view.status);
  if (view.page) params.set('page', String(view.page));
}

/** survey.responses' parameters for the view's narrowing, order and page. */
export function answersParams(view: View): Record<string, string> {
  const params: Record<string, string> = {
    offset: String(view.page * PAGE_SIZE),
    count: String(PAGE_SIZE),
  };
  for (const key of DRILL) if (view[key]) params[key] = view[key];
  // Lowest first: the scale's order (survey.responses' satisfaction sort), ties newest first.
  if (view.order === 'lowest') params.sort = '{"satisfaction":1}';
  return params;
}
