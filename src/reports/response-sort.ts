import { RocketChatError } from '../common/rocketchat-error';
import { SORT_FIELDS } from './dto/responses-query.dto';
import { SATISFACTION } from './report-fold';

type SortField = (typeof SORT_FIELDS)[number];

/** What the orders read of a row. */
export interface SortableRow {
  rid: string;
  ts: string | null;
  closedAt: string | null;
  submittedAt: string;
  items: Record<string, string>;
}

const invalid = (message: string) => RocketChatError.bracketed('invalid-params', message);

/**
 * The row order of `sort` (JSON of one field and 1 or -1), newest submission first by default.
 * By time: ties by room id in the same direction. By satisfaction: by its place in the
 * configured scale (labels such as "good" sort as the scale lists them, not alphabetically),
 * rows without one last either way, ties newest first, then by room id.
 */
export function rowOrder(
  sort: string | undefined,
  values: readonly string[],
): (a: SortableRow, b: SortableRow) => number {
  const [field, direction] = parseSort(sort);
  if (field !== SATISFACTION) {
    return (a, b) => {
      const order = compareTimes(a[field], b[field]) * direction;
      return order !== 0 ? order : compareIds(a.rid, b.rid) * direction;
    };
  }
  const rank = (row: SortableRow) => {
    const place = values.indexOf(row.items[SATISFACTION]);
    return place < 0 ? null : place * direction;
  };
  return (a, b) => {
    const [ra, rb] = [rank(a), rank(b)];
    if (ra !== rb) return ra === null ? 1 : rb === null ? -1 : ra - rb;
    return compareTimes(b.submittedAt, a.submittedAt) || compareIds(a.rid, b.rid);
  };
}

/** ISO strings of one format compare as their instants; a missing time sorts as the oldest. */
function compareTimes(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : 1;
}

const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function parseSort(sort: string | undefined): [SortField, 1 | -1] {
  if (sort === undefined) return ['submittedAt', -1];
  const message = `sort must be a JSON object of one field (${SORT_FIELDS.join(', ')}) and 1 or -1`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(sort);
  } catch {
    throw invalid(message);
  }
  const entries =
    typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? Object.entries(parsed)
      : [];
  const [field, direction] = (entries[0] ?? []) as [string?, unknown?];
  if (
    entries.length !== 1 ||
    !SORT_FIELDS.includes(field as SortField) ||
    (direction !== 1 && direction !== -1)
  ) {
    throw invalid(message);
  }
  return [field as SortField, direction];
}
