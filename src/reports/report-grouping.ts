import type { ReportRoom } from '../livechat/room/room-report.repository';
import type { GroupBy } from './dto/report-query.dto';
import type { Period } from './report-period.service';
import { localClock } from './report-hours';

/** A group's key and, for agents, the username seen with it. */
export type GroupKey = [key: string | null, label: string | null];

/** The group of a room counted at `at`; undefined when it belongs to none (see keyer). */
export type Keyer = (room: ReportRoom, at: Date) => GroupKey | undefined;

const HOURS = Array.from({ length: 24 }, (_, hour) => String(hour));
const WEEKDAYS = ['1', '2', '3', '4', '5', '6', '7'];

/**
 * The keys listed whatever the data (a chart's axis: every day, hour or weekday, empty ones
 * included, in order); null for agents and departments, listed as found.
 */
export function fixedKeys(groupBy: GroupBy, period: Period): string[] | null {
  if (groupBy === 'day') return period.days;
  if (groupBy === 'hour') return HOURS;
  if (groupBy === 'weekday') return WEEKDAYS;
  if (groupBy === 'weekday-hour') {
    return WEEKDAYS.flatMap((weekday) => HOURS.map((hour) => `${weekday}-${hour}`));
  }
  return null;
}

/**
 * How rooms counted in `side` (the report's period, or the previous one) are keyed. The
 * previous period's days take the key of the current day at the same position, so a day's
 * `previous` is "the same day of the period before"; a day beyond the current period's count
 * (a period not of whole days, across a DST change) belongs to no group.
 */
export function keyer(groupBy: GroupBy, side: Period, current: Period): Keyer {
  if (groupBy === 'agent') {
    return (room) => {
      const agentId = room.servedBy?._id ?? null;
      return [agentId, agentId === null ? null : (room.servedBy?.username ?? null)];
    };
  }
  if (groupBy === 'department') return (room) => [room.departmentId ?? null, null];
  if (groupBy === 'day') {
    return (_, at) => {
      const day = current.days[side.dayOf.indexOf(at)];
      return day === undefined ? undefined : [day, null];
    };
  }
  const clock = localClock(side);
  return (_, at) => {
    const { hour, weekday } = clock(at);
    const key =
      groupBy === 'hour'
        ? String(hour)
        : groupBy === 'weekday'
          ? String(weekday)
          : `${weekday}-${hour}`;
    return [key, null];
  };
}
