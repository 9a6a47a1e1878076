import { RocketChatError } from '../common/rocketchat-error';
import type { ResponsesFiltersDto } from './dto/responses-query.dto';
import { SATISFACTION } from './report-fold';
import { localClock } from './report-hours';
import type { Period } from './report-period.service';

/** What the filters read of a row: its answers, its comment, and when it counts. */
export interface FilterableRow {
  items: Record<string, string>;
  comment: string | null;
}

export type RowTest = (row: FilterableRow, at: Date) => boolean;

const invalid = (message: string) => RocketChatError.bracketed('invalid-params', message);

/**
 * Case-insensitive comparison form: composed (é typed as one or two code points matches
 * either) and lower-cased, so É finds é.
 */
export const folded = (text: string) => text.normalize('NFC').toLowerCase();

/**
 * The row filters beyond the period, agent and department (which the query narrows), checked
 * against the survey's scale; a bad value throws before any row is read. Each runs in the
 * process on a row the scan already returned: the user's text never reaches the database, so it
 * can be neither a pattern nor an operator, and a test costs at most comment × 200 characters.
 */
export function rowFilter(
  query: ResponsesFiltersDto,
  period: Period,
  survey: { items: readonly string[]; values: readonly string[] },
): RowTest {
  const tests: RowTest[] = [];
  const { values } = survey;
  if (query.satisfaction !== undefined) {
    const wanted = query.satisfaction;
    if (!values.includes(wanted)) throw invalid(`satisfaction must be one of ${values.join(', ')}`);
    tests.push((row) => row.items[SATISFACTION] === wanted);
  }
  if (query.hasComment !== undefined) {
    const wanted = query.hasComment === 'true';
    tests.push((row) => (row.comment !== null && row.comment.trim() !== '') === wanted);
  }
  const itemTest = itemFilter(query, survey);
  if (itemTest) tests.push(itemTest);
  tests.push(...timeFilters(query, period));
  if (query.q !== undefined) {
    const needle = folded(query.q);
    tests.push((row) => row.comment !== null && folded(row.comment).includes(needle));
  }
  return (row, at) => tests.every((test) => test(row, at));
}

function itemFilter(
  { item, value }: ResponsesFiltersDto,
  { items, values }: { items: readonly string[]; values: readonly string[] },
): RowTest | null {
  if (item === undefined && value === undefined) return null;
  if (item === undefined || value === undefined) {
    throw invalid('item and value must be given together');
  }
  if (!items.includes(item)) throw invalid(`item must be one of ${items.join(', ')}`);
  if (!values.includes(value)) throw invalid(`value must be one of ${values.join(', ')}`);
  return (row) => row.items[item] === value;
}

/** day, hour and weekday: by the same instant and wall clock as the report's day groups. */
function timeFilters({ day, hour, weekday }: ResponsesFiltersDto, period: Period): RowTest[] {
  const tests: RowTest[] = [];
  if (day !== undefined) {
    // The period's days are exactly the local days that overlap it (an impossible date is none).
    if (!period.days.includes(day))
      throw invalid('day must be a date (YYYY-MM-DD) within the period');
    tests.push((_row, at) => period.dayOf.of(at) === day);
  }
  if (hour !== undefined || weekday !== undefined) {
    const clock = localClock(period);
    const [wantedHour, wantedWeekday] = [hour, weekday].map((n) =>
      n === undefined ? n : Number(n),
    );
    tests.push((_row, at) => {
      const local = clock(at);
      return (
        (wantedHour === undefined || local.hour === wantedHour) &&
        (wantedWeekday === undefined || local.weekday === wantedWeekday)
      );
    });
  }
  return tests;
}
