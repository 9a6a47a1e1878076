import { Inject, Injectable } from '@nestjs/common';
import { appConfig, type AppConfig } from '../config/app.config';
import { FollowupFiguresService } from '../followups/followup-figures.service';
import { DepartmentRepository } from '../livechat/department/department.repository';
import { RoomReportRepository, type ReportRoom } from '../livechat/room/room-report.repository';
import { SurveyRules } from '../livechat/survey/survey-rules';
import type { GroupBy, ReportQueryDto } from './dto/report-query.dto';
import { SurveyLinkRepository } from '../survey-links/survey-link.repository';
import type { Figures, LinkFunnel } from './report-figures';
import { responseOf, SATISFACTION, Tally, type SurveyScale } from './report-fold';
import { ReportPeriodService, type Period } from './report-period.service';

interface Group {
  tally: Tally;
  label: string | null;
  /** When the label was seen: the latest room's agent username wins. */
  labelAt: number;
}

export interface ReportGroup extends Figures {
  key: string | null;
  label: string | null;
}

/**
 * survey.report: one pass over one projected cursor (see RoomReportRepository for why), each
 * room folded into the summary and its group; memory is one Tally per group.
 */
@Injectable()
export class ReportsService {
  private readonly rules: SurveyRules;
  private readonly scale: SurveyScale;

  constructor(
    private readonly rooms: RoomReportRepository,
    private readonly departments: DepartmentRepository,
    private readonly periods: ReportPeriodService,
    private readonly surveyLinks: SurveyLinkRepository,
    private readonly followupFigures: FollowupFiguresService,
    @Inject(appConfig.KEY) config: AppConfig,
  ) {
    this.rules = new SurveyRules(config.survey);
    this.scale = { ...config.survey, satisfied: config.reports.satisfiedValues };
  }

  async report(query: ReportQueryDto) {
    const period = this.periods.period(query);
    const { from, to } = period;
    const summary = new Tally(this.scale);
    const groups = new Map<string | null, Group>();
    const group = (room: ReportRoom, at: Date): Tally => {
      const [key, label] = groupKey(query.groupBy!, room, at, period);
      let entry = groups.get(key);
      if (!entry) groups.set(key, (entry = { tally: new Tally(this.scale), label, labelAt: 0 }));
      if (label !== null && at.getTime() >= entry.labelAt) {
        entry.label = label;
        entry.labelAt = at.getTime();
      }
      return entry.tally;
    };
    const inPeriod = (at: Date | undefined): at is Date =>
      at !== undefined && at >= from && at < to;
    const followups = this.followupFigures.tally();
    const cursor = this.rooms.cursor({ ...query, from, to, withClosedRooms: true });
    for await (const room of cursor) {
      if (inPeriod(room.closedAt)) {
        summary.addClosed();
        if (query.groupBy) group(room, room.closedAt).addClosed();
      }
      const response = responseOf(room, this.rules);
      if (response && inPeriod(response.at)) {
        summary.addResponse(response);
        if (query.groupBy) group(room, response.at).addResponse(response);
        followups.offer(room._id, response.at, response.items[SATISFACTION]);
      }
    }
    return {
      period: { from: from.toISOString(), to: to.toISOString(), tz: period.tz },
      summary: {
        ...summary.figures(),
        followups: await this.followupFigures.figures(followups, from, to),
      },
      links: await this.linkFunnel(query, period),
      groups: await this.groups(query.groupBy, groups, period),
      success: true as const,
    };
  }

  /** The links made in the period (of the agent's or department's rooms, when filtered). */
  private async linkFunnel(query: ReportQueryDto, { from, to }: Period): Promise<LinkFunnel> {
    let links = await this.surveyLinks.createdBetween(from, to);
    if (query.agentId !== undefined || query.departmentId !== undefined) {
      const rooms = await this.rooms.byIds([...new Set(links.map((link) => link.rid))]);
      const kept = new Set(
        rooms
          .filter((room) => query.agentId === undefined || room.servedBy?._id === query.agentId)
          .filter(
            (room) => query.departmentId === undefined || room.departmentId === query.departmentId,
          )
          .map((room) => room._id),
      );
      links = links.filter((link) => kept.has(link.rid));
    }
    const created = links.length;
    const answered = links.filter((link) => link.answeredAt).length;
    return {
      created,
      // A form posted without its page shown first still went through the page.
      opened: links.filter((link) => link.openedAt ?? link.answeredAt).length,
      answered,
      responseRate: created === 0 ? null : answered / created,
    };
  }

  private async groups(
    groupBy: GroupBy | undefined,
    groups: Map<string | null, Group>,
    period: Period,
  ): Promise<ReportGroup[]> {
    if (!groupBy) return [];
    if (groupBy === 'day') {
      // Every day of the period, empty ones included: a chart's x axis.
      return period.days.map((day) => ({
        key: day,
        label: day,
        ...(groups.get(day)?.tally ?? new Tally(this.scale)).figures(),
      }));
    }
    const keys = [...groups.keys()].sort(byKeyNullLast);
    const names =
      groupBy === 'department'
        ? await this.departments.names(keys.filter((key): key is string => key !== null))
        : new Map<string, string>();
    return keys.map((key) => ({
      key,
      label: key === null ? null : (names.get(key) ?? groups.get(key)!.label ?? key),
      ...groups.get(key)!.tally.figures(),
    }));
  }
}

function groupKey(
  groupBy: GroupBy,
  room: ReportRoom,
  at: Date,
  period: Period,
): [string | null, string | null] {
  if (groupBy === 'day') return [period.dayOf.of(at), null];
  if (groupBy === 'department') return [room.departmentId ?? null, null];
  const agentId = room.servedBy?._id ?? null;
  return [agentId, agentId === null ? null : (room.servedBy?.username ?? null)];
}

export function byKeyNullLast(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}
