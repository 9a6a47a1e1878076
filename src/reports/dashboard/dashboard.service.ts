import { Injectable } from '@nestjs/common';
import { FollowupFiguresService } from '../../followups/followup-figures.service';
import { RoomReportRepository, type ReportRoom } from '../../livechat/room/room-report.repository';
import type { DashboardQueryDto } from '../dto/dashboard-query.dto';
import type { GroupBy } from '../dto/report-query.dto';
import { ReportPeriodService, type Period } from '../report-period.service';
import { ReportSlots } from '../report-slots';
import type { RoomFilter } from '../report-view';
import { ReportsService } from '../reports.service';
import { SurveyResponsesService } from '../survey-responses.service';

/** The page's latest comments: survey.responses?hasComment=true&count=10. */
const LATEST_COMMENTS = 10;

/**
 * survey.dashboard: everything the reports page shows, from ONE cursor over the rooms. Each
 * figure keeps its own filter (the agent table ignores the agent filter, the department table the
 * department filter, as the page asks), so the cursor takes only the period every figure shares
 * and each room is folded into every figure whose filter it passes: the same folds, rules and
 * assembly as survey.report and survey.responses, so the figures are theirs exactly.
 */
@Injectable()
export class DashboardService {
  constructor(
    private readonly reports: ReportsService,
    private readonly responses: SurveyResponsesService,
    private readonly rooms: RoomReportRepository,
    private readonly periods: ReportPeriodService,
    private readonly followupFigures: FollowupFiguresService,
    private readonly slots: ReportSlots,
  ) {}

  /** The parameters are checked before the call waits for a report slot (ReportSlots). */
  dashboard(query: DashboardQueryDto) {
    const period = this.periods.period(query);
    const previous = query.compare === 'previous' ? this.periods.previous(period) : null;
    return this.slots.run(() => this.pass(query, period, previous));
  }

  private async pass(query: DashboardQueryDto, period: Period, previous: Period | null) {
    const all: RoomFilter = { agentId: query.agentId, departmentId: query.departmentId };
    const views = this.views(all, period, previous);
    const commentsQuery = { ...query, hasComment: 'true' as const, count: LATEST_COMMENTS };
    const comments = this.responses.pager(commentsQuery);
    const commentsChecked = this.responses.checked(commentsQuery);
    const followups = this.followupFigures.tally();
    const links = await this.reports.links(period);
    const linkRooms = new Set(links.map((link) => link.rid));
    const seen = new Map<string, ReportRoom>();
    const cursor = this.rooms.cursor({
      from: (previous ?? period).from,
      to: period.to,
      withClosedRooms: true,
    });
    for await (const room of cursor) {
      const response = this.reports.responseOf(room);
      for (const each of Object.values(views)) each.add(room, response);
      this.reports.offerFollowup(followups, views.byDay, room, response);
      // Rows are built only for commented answers (rowOf judges them exactly): most rooms skip it.
      const row =
        response?.comment?.trim() && this.responses.rowOf(room, commentsQuery, commentsChecked);
      if (row) comments.offer(row);
      if (linkRooms.has(room._id)) seen.set(room._id, room);
    }
    return {
      ...this.reports.head(period, previous),
      summary: await this.reports.summary(views.byDay, followups),
      links: await this.reports.linkFunnel(links, all, seen),
      byDay: await this.reports.groups(views.byDay),
      byWeekdayHour: await this.reports.groups(views.byWeekdayHour),
      byAgent: await this.reports.groups(views.byAgent),
      byDepartment: await this.reports.groups(views.byDepartment),
      comments: await comments.page(),
      success: true as const,
    };
  }

  /** The page's figures, each under its own filter (the tables drop their own column's). */
  private views(all: RoomFilter, period: Period, previous: Period | null) {
    const view = (filter: RoomFilter, groupBy: GroupBy) =>
      this.reports.view(filter, period, previous, groupBy);
    return {
      byDay: view(all, 'day'),
      byWeekdayHour: view(all, 'weekday-hour'),
      byAgent: view({ departmentId: all.departmentId }, 'agent'),
      byDepartment: view({ agentId: all.agentId }, 'department'),
    };
  }
}
