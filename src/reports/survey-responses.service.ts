import { Inject, Injectable } from '@nestjs/common';
import { appConfig, type AppConfig } from '../config/app.config';
import { AgentRepository } from '../livechat/agent/agent.repository';
import { DepartmentRepository } from '../livechat/department/department.repository';
import { RoomReportRepository, type ReportRoom } from '../livechat/room/room-report.repository';
import type { SurveySource } from '../livechat/room/room.repository';
import { SurveyRules } from '../livechat/survey/survey-rules';
import type { ResponsesFiltersDto, ResponsesQueryDto } from './dto/responses-query.dto';
import { NameBook } from './name-book';
import { responseOf } from './report-fold';
import { ReportPeriodService, type Period } from './report-period.service';
import { ReportSlots } from './report-slots';
import { rowFilter, type RowTest } from './response-filters';
import { rowOrder } from './response-sort';
import { pageDepth, TopRows } from './top-rows';

/** One answered survey as stored: never visitor data. */
interface StoredRow {
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

/** A row as the list shows it: with the names Rocket.Chat knows, and its conversation's link. */
export interface ResponseRow extends Omit<StoredRow, 'agent'> {
  agent: { _id: string; username: string | null; name: string | null } | null;
  department: { _id: string; name: string | null } | null;
  /** `<ROCKETCHAT_URL>/live/<rid>`; null when ROCKETCHAT_URL is not set. */
  link: string | null;
}

/** A row of the export: the list's, and the agent's username as Rocket.Chat's users hold it now. */
export type CsvRow = ResponseRow & { agentCurrentUsername: string | null };

/** A query's period and row test, judged before any row is read. */
export interface Checked {
  period: Period;
  test: RowTest;
}

const DEFAULT_COUNT = 50;
/** Rows of an export per look-up of the names they bring. */
const NAME_BATCH = 500;

/** survey.responses and survey.export.csv: the answers themselves, filtered. */
@Injectable()
export class SurveyResponsesService {
  private readonly rules: SurveyRules;

  constructor(
    private readonly rooms: RoomReportRepository,
    private readonly periods: ReportPeriodService,
    private readonly users: AgentRepository,
    private readonly departments: DepartmentRepository,
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
    const checked = this.checked(query);
    // Checked first: a bad parameter is a 400 at once, never a wait for a report slot.
    return this.slots.run(async () => {
      for await (const row of this.rows(query, checked)) pager.offer(row);
      return { ...(await pager.page()), success: true as const };
    });
  }

  /**
   * A page's running state: offer each matching row, then take the page, named (survey.dashboard
   * offers the rows of its own pass).
   */
  pager(query: ResponsesQueryDto) {
    const compare = rowOrder(query.sort, this.config.survey.values);
    const offset = query.offset ?? 0;
    const count = query.count ?? DEFAULT_COUNT;
    const depth = pageDepth(offset, count, ': survey.export.csv gives every row');
    const top = new TopRows<StoredRow>(depth, compare);
    let total = 0;
    return {
      offer: (row: StoredRow): void => {
        total++;
        top.offer(row);
      },
      page: async () => {
        const page = top.sorted().slice(offset);
        const book = new NameBook(this.users, this.departments);
        await book.learn(page);
        const responses = page.map((row) => this.named(row, book));
        return { responses, count: responses.length, offset, total };
      },
    };
  }

  /** The checked period and every row matching the filters, named, as the cursor gives them. */
  prepare(query: ResponsesFiltersDto): { period: Period; rows: AsyncIterable<CsvRow> } {
    const checked = this.checked(query);
    return { period: checked.period, rows: this.exportRows(this.rows(query, checked)) };
  }

  /** The period and the row test, once every parameter is known to be good (before any answer). */
  checked(query: ResponsesFiltersDto): Checked {
    const period = this.periods.period(query);
    return { period, test: rowFilter(query, period, this.config.survey) };
  }

  private async *rows(query: ResponsesFiltersDto, checked: Checked): AsyncGenerator<StoredRow> {
    const cursor = this.rooms.cursor({
      from: checked.period.from,
      to: checked.period.to,
      agentId: query.agentId,
      departmentId: query.departmentId,
      withClosedRooms: false,
    });
    for await (const room of cursor) {
      const row = this.rowOf(room, query, checked);
      if (row) yield row;
    }
  }

  /** A room's row when its answer is in the period and passes every filter, else null. */
  rowOf(room: ReportRoom, query: ResponsesFiltersDto, { period, test }: Checked): StoredRow | null {
    const row = this.toRow(room);
    if (!row) return null;
    const at = new Date(row.submittedAt);
    if (!(at >= period.from && at < period.to)) return null;
    // The cursor's own filters, again: survey.dashboard's pass reads rooms of every agent.
    if (query.agentId !== undefined && row.agent?._id !== query.agentId) return null;
    if (query.departmentId !== undefined && row.departmentId !== query.departmentId) return null;
    return test(row, at) ? row : null;
  }

  /** Rows in batches, each batch's new agents and departments looked up once. */
  private async *exportRows(rows: AsyncIterable<StoredRow>): AsyncGenerator<CsvRow> {
    const book = new NameBook(this.users, this.departments);
    let batch: StoredRow[] = [];
    const named = async () => {
      await book.learn(batch);
      const done = batch.map((row) => ({
        ...this.named(row, book),
        agentCurrentUsername: row.agent ? (book.agent(row.agent._id)?.username ?? null) : null,
      }));
      batch = [];
      return done;
    };
    for await (const row of rows) {
      batch.push(row);
      if (batch.length >= NAME_BATCH) yield* await named();
    }
    if (batch.length > 0) yield* await named();
  }

  private named(row: StoredRow, book: NameBook): ResponseRow {
    const { rocketChatUrl } = this.config.reports;
    const { agent, departmentId } = row;
    return {
      ...row,
      agent: agent && { ...agent, name: book.agent(agent._id)?.name ?? null },
      department: departmentId ? { _id: departmentId, name: book.department(departmentId) } : null,
      link: rocketChatUrl ? `${rocketChatUrl}/live/${encodeURIComponent(row.rid)}` : null,
    };
  }

  private toRow(room: ReportRoom): StoredRow | null {
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
