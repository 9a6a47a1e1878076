import { Inject, Injectable } from '@nestjs/common';
import { RocketChatError } from '../common/rocketchat-error';
import { appConfig, type AppConfig } from '../config/app.config';
import { RoomReportRepository, type ReportRoom } from '../livechat/room/room-report.repository';
import type { SurveySource } from '../livechat/room/room.repository';
import { SurveyRules } from '../livechat/survey/survey-rules';
import type { ResponsesFiltersDto, ResponsesQueryDto } from './dto/responses-query.dto';
import { SORT_FIELDS } from './dto/responses-query.dto';
import { responseOf, SATISFACTION } from './report-fold';
import { ReportPeriodService, type Period } from './report-period.service';
import { ReportSlots } from './report-slots';
import { TopRows } from './top-rows';

/** One answered survey as the list and the export show it: never visitor data. */
export interface ResponseRow {
  rid: string;
  ts: string | null;
  closedAt: string | null;
  submittedAt: string;
  agent: { _id: string; username: string | null } | null;
  departmentId: string | null;
  items: Record<string, string>;
  comment: string | null;
  source: SurveySource;
}

type SortField = (typeof SORT_FIELDS)[number];
const DEFAULT_COUNT = 50;

/**
 * The deepest row a page may reach (offset + count). No index can order rows by their derived
 * key, so a page is one pass keeping the best offset + count rows: capped, that is at most 1,000
 * rows in memory (~2.5 MB with 2 KB comments) whatever the parameters, where an unbounded offset
 * kept every matching row (16 such calls ended the process). Beyond it, the CSV export streams
 * every row; GitHub's search API draws the same line at 1,000 results.
 */
export const MAX_PAGE_DEPTH = 1000;

const invalid = (message: string) => RocketChatError.bracketed('invalid-params', message);

/** survey.responses and survey.export.csv: the answers themselves, filtered. */
@Injectable()
export class SurveyResponsesService {
  private readonly rules: SurveyRules;

  constructor(
    private readonly rooms: RoomReportRepository,
    private readonly periods: ReportPeriodService,
    private readonly slots: ReportSlots,
    @Inject(appConfig.KEY) private readonly config: AppConfig,
  ) {
    this.rules = new SurveyRules(config.survey);
  }

  /**
   * A page of rows, newest first by default, and the total. One pass over the cursor, keeping
   * only the best offset+count rows (the sort key is derived, so no index can order it).
   */
  list(query: ResponsesQueryDto) {
    const pager = this.pager(query);
    const period = this.checked(query);
    // Checked first: a bad parameter is a 400 at once, never a wait for a report slot.
    return this.slots.run(async () => {
      for await (const row of this.rows(query, period)) pager.offer(row);
      return { ...pager.page(), success: true as const };
    });
  }

  /**
   * A page's running state: offer each matching row, then take the page (survey.dashboard offers
   * the rows of its own pass).
   */
  pager(query: ResponsesQueryDto) {
    const [field, direction] = parseSort(query.sort);
    const offset = query.offset ?? 0;
    const count = query.count ?? DEFAULT_COUNT;
    if (offset + count > MAX_PAGE_DEPTH) {
      throw invalid(
        `offset + count must be at most ${MAX_PAGE_DEPTH}: survey.export.csv gives every row`,
      );
    }
    const top = new TopRows<ResponseRow>(offset + count, (a, b) => {
      const order = compareTimes(a[field], b[field]) * direction;
      return order !== 0 ? order : (a.rid < b.rid ? -1 : a.rid > b.rid ? 1 : 0) * direction;
    });
    let total = 0;
    return {
      offer(row: ResponseRow): void {
        total++;
        top.offer(row);
      },
      page() {
        const responses = top.sorted().slice(offset);
        return { responses, count: responses.length, offset, total };
      },
    };
  }

  /** The checked period and every row matching the filters, as the cursor gives them. */
  prepare(query: ResponsesFiltersDto): { period: Period; rows: AsyncIterable<ResponseRow> } {
    const period = this.checked(query);
    return { period, rows: this.rows(query, period) };
  }

  /** The period, once every parameter is known to be good (before any answer is sent). */
  private checked(query: ResponsesFiltersDto): Period {
    const period = this.periods.period(query);
    const { values } = this.config.survey;
    if (query.satisfaction !== undefined && !values.includes(query.satisfaction)) {
      throw invalid(`satisfaction must be one of ${values.join(', ')}`);
    }
    return period;
  }

  private async *rows(query: ResponsesFiltersDto, period: Period) {
    const cursor = this.rooms.cursor({
      from: period.from,
      to: period.to,
      agentId: query.agentId,
      departmentId: query.departmentId,
      withClosedRooms: false,
    });
    for await (const room of cursor) {
      const row = this.rowOf(room, query, period);
      if (row) yield row;
    }
  }

  /** A room's row when it matches the filters and its answer is in the period, else null. */
  rowOf(room: ReportRoom, query: ResponsesFiltersDto, { from, to }: Period): ResponseRow | null {
    const row = this.toRow(room);
    if (!row || !(new Date(row.submittedAt) >= from && new Date(row.submittedAt) < to)) return null;
    // The cursor's own filters, again: survey.dashboard's pass reads rooms of every agent.
    if (query.agentId !== undefined && row.agent?._id !== query.agentId) return null;
    if (query.departmentId !== undefined && row.departmentId !== query.departmentId) return null;
    if (query.satisfaction !== undefined && row.items[SATISFACTION] !== query.satisfaction) {
      return null;
    }
    const commented = row.comment !== null && row.comment.trim() !== '';
    if (query.hasComment !== undefined && commented !== (query.hasComment === 'true')) return null;
    return row;
  }

  private toRow(room: ReportRoom): ResponseRow | null {
    const response = responseOf(room, this.rules);
    if (!response) return null;
    const agentId = room.servedBy?._id;
    return {
      rid: room._id,
      ts: room.ts?.toISOString() ?? null,
      closedAt: room.closedAt?.toISOString() ?? null,
      submittedAt: response.at.toISOString(),
      agent: agentId ? { _id: agentId, username: room.servedBy?.username ?? null } : null,
      departmentId: room.departmentId ?? null,
      items: response.items,
      comment: response.comment,
      source: response.source,
    };
  }
}

/** ISO strings of one format compare as their instants; a missing time sorts as the oldest. */
function compareTimes(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : 1;
}

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
