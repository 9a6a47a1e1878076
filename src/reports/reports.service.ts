import { Inject, Injectable } from '@nestjs/common';
import { appConfig, type AppConfig } from '../config/app.config';
import { FollowupFiguresService, type FollowupTally } from '../followups/followup-figures.service';
import { DepartmentRepository } from '../livechat/department/department.repository';
import { RoomReportRepository, type ReportRoom } from '../livechat/room/room-report.repository';
import { SurveyRules } from '../livechat/survey/survey-rules';
import { SurveyLinkRepository, type FunnelLink } from '../survey-links/survey-link.repository';
import type { GroupBy, ReportQueryDto } from './dto/report-query.dto';
import { compared } from './report-compare';
import type { Compared, Figures, LinkFunnel } from './report-figures';
import { responseOf, SATISFACTION, type Response, type SurveyScale } from './report-fold';
import { fixedKeys } from './report-grouping';
import { ReportPeriodService, type Period } from './report-period.service';
import { ReportSlots } from './report-slots';
import { passes, ReportView, type RoomFilter } from './report-view';

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
    private readonly slots: ReportSlots,
    @Inject(appConfig.KEY) config: AppConfig,
  ) {
    this.rules = new SurveyRules(config.survey);
    this.scale = { ...config.survey, satisfied: config.reports.satisfiedValues };
  }

  /** The parameters are checked before the call waits for a report slot (ReportSlots). */
  report(query: ReportQueryDto) {
    const period = this.periods.period(query);
    const previous = query.compare === 'previous' ? this.periods.previous(period) : null;
    return this.slots.run(() => this.pass(query, period, previous));
  }

  private async pass(query: ReportQueryDto, period: Period, previous: Period | null) {
    const view = this.view(query, period, previous, query.groupBy);
    const followups = this.followupFigures.tally();
    const from = (previous ?? period).from;
    const cursor = this.rooms.cursor({ ...query, from, to: period.to, withClosedRooms: true });
    for await (const room of cursor) {
      const response = this.responseOf(room);
      view.add(room, response);
      this.offerFollowup(followups, view, room, response);
    }
    return {
      ...this.head(period, previous),
      summary: await this.summary(view, followups),
      links: await this.linkFunnel(await this.links(period), query),
      groups: await this.groups(view),
      success: true as const,
    };
  }

  /** The period (and the previous one) as a report's body gives them. */
  head(period: Period, previous: Period | null) {
    return {
      period: { from: period.from.toISOString(), to: period.to.toISOString(), tz: period.tz },
      ...(previous && {
        previous: { from: previous.from.toISOString(), to: previous.to.toISOString() },
      }),
    };
  }

  /** The survey links made in the period, for linkFunnel. */
  links({ from, to }: Period): Promise<FunnelLink[]> {
    return this.surveyLinks.createdBetween(from, to);
  }

  /** A room's kept answers (null if none), by the survey's own rules. */
  responseOf(room: ReportRoom): Response | null {
    return responseOf(room, this.rules);
  }

  view(filter: RoomFilter, period: Period, previous: Period | null, groupBy?: GroupBy) {
    return new ReportView(this.scale, period, previous, groupBy, filter);
  }

  /** The follow-up queue counts the view's answers of the current period. */
  offerFollowup(
    tally: FollowupTally,
    view: ReportView,
    room: ReportRoom,
    response: Response | null,
  ) {
    const { from, to } = view.current.period;
    if (response && response.at >= from && response.at < to && passes(room, view.filter)) {
      tally.offer(room._id, response.at, response.items[SATISFACTION]);
    }
  }

  async summary(view: ReportView, followups: FollowupTally) {
    const { current, previous } = view;
    const { from, to } = current.period;
    return {
      ...current.summary.figures(),
      followups: await this.followupFigures.figures(followups, from, to),
      ...(previous && compared(current.summary, previous.summary)),
    };
  }

  /**
   * The funnel of the period's links (links()) of the filter's rooms. `seen` holds rooms a pass already read, so only the others are fetched.
   */
  async linkFunnel(
    links: FunnelLink[],
    filter: RoomFilter,
    seen: ReadonlyMap<string, ReportRoom> = new Map(),
  ): Promise<LinkFunnel> {
    if (filter.agentId !== undefined || filter.departmentId !== undefined) {
      const missing = [...new Set(links.map((link) => link.rid))].filter((rid) => !seen.has(rid));
      const rooms = [...seen.values(), ...(await this.rooms.byIds(missing))];
      const kept = new Set(rooms.filter((room) => passes(room, filter)).map((room) => room._id));
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

  async groups({ groupBy, current, previous }: ReportView): Promise<ReportGroup[]> {
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
