import { Inject, Injectable } from '@nestjs/common';
import { appConfig, type AppConfig } from '../config/app.config';
import { AgentRepository } from '../livechat/agent/agent.repository';
import { DepartmentRepository } from '../livechat/department/department.repository';
import { RoomReportRepository, type ReportRoom } from '../livechat/room/room-report.repository';
import { SurveyRules } from '../livechat/survey/survey-rules';
import type { Actor } from '../reports/manager-auth.service';
import { responseOf, SATISFACTION } from '../reports/report-fold';
import { ReportPeriodService, type Period } from '../reports/report-period.service';
import { ReportSlots } from '../reports/report-slots';
import { pageDepth, TopRows } from '../reports/top-rows';
import type { FollowupsQueryDto } from './dto/followups-query.dto';
import { FollowupFiguresService, statusOf } from './followup-figures.service';
import { FollowupRepository, type FollowupState } from './followup.repository';
import type { FollowupStatus } from './followup.schema';

/** A row of the queue as the list gives it: never visitor data. */
export interface QueueRow {
  rid: string;
  satisfaction: string;
  comment: string | null;
  answeredAt: string;
  agent: { _id: string; username: string | null; name: string | null } | null;
  departmentId: string | null;
  department: { _id: string; name: string | null } | null;
  link: string | null;
  status: FollowupStatus;
  note: string | null;
  updatedBy: Actor | null;
  updatedAt: string | null;
  firstResolvedAt: string | null;
}

const DEFAULT_COUNT = 50;

/** Newest answer first, ties by room id (ISO strings of one format compare as instants). */
const newestFirst = (a: QueueRow, b: QueueRow) =>
  a.answeredAt !== b.answeredAt ? (a.answeredAt < b.answeredAt ? 1 : -1) : a.rid < b.rid ? -1 : 1;

/**
 * survey.followups: the queue's answers of the period with their follow-up status. One read of
 * the period's follow-ups, then one pass over the rooms keeping the best offset + count rows (as
 * survey.responses does, with its cap); names are looked up for the page's rows only.
 */
@Injectable()
export class FollowupQueueService {
  private readonly rules: SurveyRules;

  constructor(
    private readonly rooms: RoomReportRepository,
    private readonly followups: FollowupRepository,
    private readonly figures: FollowupFiguresService,
    private readonly periods: ReportPeriodService,
    private readonly agents: AgentRepository,
    private readonly departments: DepartmentRepository,
    private readonly slots: ReportSlots,
    @Inject(appConfig.KEY) private readonly config: AppConfig,
  ) {
    this.rules = new SurveyRules(config.survey);
  }

  /** The parameters are checked before the call waits for a report slot: a pass like a report's. */
  list(query: FollowupsQueryDto) {
    const period = this.periods.period(query);
    const offset = query.offset ?? 0;
    const count = query.count ?? DEFAULT_COUNT;
    pageDepth(offset, count);
    return this.slots.run(() => this.pass(query, period, offset, count));
  }

  private async pass(
    query: FollowupsQueryDto,
    { from, to }: Period,
    offset: number,
    count: number,
  ) {
    const states = new Map(
      (await this.followups.answeredBetween(from, to)).map((state) => [state._id, state]),
    );
    const top = new TopRows<QueueRow>(offset + count, newestFirst);
    let total = 0;
    const cursor = this.rooms.cursor({ ...query, from, to, withClosedRooms: false });
    for await (const room of cursor) {
      const row = this.toRow(room, from, to, states);
      if (!row || (query.status !== undefined && row.status !== query.status)) continue;
      total++;
      top.offer(row);
    }
    const followups = await this.named(top.sorted().slice(offset));
    return { followups, count: followups.length, offset, total, success: true as const };
  }

  private toRow(
    room: ReportRoom,
    from: Date,
    to: Date,
    states: Map<string, FollowupState>,
  ): QueueRow | null {
    const response = responseOf(room, this.rules);
    const satisfaction = response?.items[SATISFACTION];
    if (!response || !(response.at >= from && response.at < to)) return null;
    if (satisfaction === undefined || !this.figures.queued(satisfaction)) return null;
    const followup = statusOf(response.at.getTime(), states.get(room._id));
    const agentId = room.servedBy?._id;
    const { rocketChatUrl } = this.config.reports;
    return {
      rid: room._id,
      satisfaction,
      comment: response.comment,
      answeredAt: response.at.toISOString(),
      agent: agentId
        ? { _id: agentId, username: room.servedBy?.username ?? null, name: null }
        : null,
      departmentId: room.departmentId ?? null,
      department: room.departmentId ? { _id: room.departmentId, name: null } : null,
      link: rocketChatUrl ? `${rocketChatUrl}/live/${encodeURIComponent(room._id)}` : null,
      status: followup?.status ?? 'open',
      note: followup?.note ?? null,
      updatedBy: followup?.updatedBy ?? null,
      updatedAt: followup?.updatedAt.toISOString() ?? null,
      firstResolvedAt: followup?.firstResolvedAt?.toISOString() ?? null,
    };
  }

  /** The agents' and departments' names of a page's rows (two reads by `_id`). */
  private async named(rows: QueueRow[]): Promise<QueueRow[]> {
    const ids = (pick: (row: QueueRow) => string | undefined) => [
      ...new Set(rows.map(pick).filter((id): id is string => id !== undefined)),
    ];
    const [agentNames, departmentNames] = await Promise.all([
      this.agents.namesOf(ids((row) => row.agent?._id)),
      this.departments.names(ids((row) => row.department?._id)),
    ]);
    return rows.map((row) => ({
      ...row,
      agent: row.agent && { ...row.agent, name: agentNames.get(row.agent._id)?.name ?? null },
      department: row.department && {
        ...row.department,
        name: departmentNames.get(row.department._id) ?? null,
      },
    }));
  }
}
