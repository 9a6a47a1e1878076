import { Inject, Injectable } from '@nestjs/common';
import { appConfig, type AppConfig } from '../config/app.config';
import { FollowupFiguresService } from '../followups/followup-figures.service';
import { DepartmentRepository } from '../livechat/department/department.repository';
import { RoomReportRepository } from '../livechat/room/room-report.repository';
import { SurveyRules } from '../livechat/survey/survey-rules';
import type { GroupBy, ReportQueryDto } from './dto/report-query.dto';
import { SurveyLinkRepository } from '../survey-links/survey-link.repository';
import { PeriodFold } from './period-fold';
import { compared } from './report-compare';
import type { Compared, Figures, LinkFunnel } from './report-figures';
import { responseOf, SATISFACTION, type SurveyScale, type Tally } from './report-fold';
import { fixedKeys, keyer } from './report-grouping';
import { ReportPeriodService, type Period } from './report-period.service';

export interface ReportGroup extends Figures, Partial<Compared> {
  key: string | null;
  label: string | null;
}

/**
 * survey.report: one pass over one projected cursor (see RoomReportRepository for why), each
 * room folded into the summary and its group; memory is one Tally per group. With
 * compare=previous the cursor spans both periods, still one pass, each room folded into the
 * period (or periods) it counts in.
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
    const fold = (side: Period) =>
      new PeriodFold(this.scale, side, query.groupBy && keyer(query.groupBy, side, period));
    const current = fold(period);
    const previous = query.compare === 'previous' ? fold(this.periods.previous(period)) : null;
    const folds = previous ? [current, previous] : [current];
    const from = (previous ?? current).period.from;
    const inCurrent = (at: Date) => at >= period.from && at < period.to;
    const followups = this.followupFigures.tally();
    const cursor = this.rooms.cursor({ ...query, from, to: period.to, withClosedRooms: true });
    for await (const room of cursor) {
      const response = responseOf(room, this.rules);
      for (const side of folds) side.add(room, response);
      if (response && inCurrent(response.at)) {
        followups.offer(room._id, response.at, response.items[SATISFACTION]);
      }
    }
    const compare = (now: Tally) => (previous ? compared(now, previous.summary) : {});
    return {
      period: { from: period.from.toISOString(), to: period.to.toISOString(), tz: period.tz },
      ...(previous && {
        previous: {
          from: previous.period.from.toISOString(),
          to: previous.period.to.toISOString(),
        },
      }),
      summary: {
        ...current.summary.figures(),
        followups: await this.followupFigures.figures(followups, period.from, period.to),
        ...compare(current.summary),
      },
      links: await this.linkFunnel(query, period),
      groups: await this.groups(query.groupBy, current, previous),
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
    current: PeriodFold,
    previous: PeriodFold | null,
  ): Promise<ReportGroup[]> {
    if (!groupBy) return [];
    const fixed = fixedKeys(groupBy, current.period);
    const keys = fixed ?? current.keys().sort(byKeyNullLast);
    const names =
      groupBy === 'department'
        ? await this.departments.names(keys.filter((key): key is string => key !== null))
        : new Map<string, string>();
    return keys.map((key) => {
      const tally = current.tally(key);
      return {
        key,
        label: fixed || key === null ? key : (names.get(key) ?? current.label(key) ?? key),
        ...tally.figures(),
        ...(previous && compared(tally, previous.tally(key))),
      };
    });
  }
}

export function byKeyNullLast(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}
