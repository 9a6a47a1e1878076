import type { ReportRoom } from '../livechat/room/room-report.repository';
import type { GroupBy } from './dto/report-query.dto';
import { PeriodFold } from './period-fold';
import type { Response, SurveyScale } from './report-fold';
import { keyer } from './report-grouping';
import type { Period } from './report-period.service';

/** The agent and department a figure is limited to (undefined: any). */
export interface RoomFilter {
  agentId?: string;
  departmentId?: string;
}

/** Whether a room passes a figure's own filter: the same test the database applies to a cursor. */
export function passes(room: ReportRoom, { agentId, departmentId }: RoomFilter): boolean {
  return (
    (agentId === undefined || room.servedBy?._id === agentId) &&
    (departmentId === undefined || room.departmentId === departmentId)
  );
}

/**
 * One figure of a report (its summary and, with groupBy, its groups) over the current period and,
 * with compare, the previous one, under its own filter. survey.report folds one; survey.dashboard
 * folds several from one cursor whose filter every one of them shares, so each checks its own.
 */
export class ReportView {
  readonly current: PeriodFold;
  readonly previous: PeriodFold | null;

  constructor(
    scale: SurveyScale,
    period: Period,
    previous: Period | null,
    readonly groupBy: GroupBy | undefined,
    readonly filter: RoomFilter,
  ) {
    const fold = (side: Period) =>
      new PeriodFold(scale, side, groupBy && keyer(groupBy, side, period));
    this.current = fold(period);
    this.previous = previous && fold(previous);
  }

  add(room: ReportRoom, response: Response | null): void {
    if (!passes(room, this.filter)) return;
    this.current.add(room, response);
    this.previous?.add(room, response);
  }
}
