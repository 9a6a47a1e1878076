import { Inject, Injectable } from '@nestjs/common';
import { RocketChatError } from '../common/rocketchat-error';
import { appConfig, type AppConfig } from '../config/app.config';
import type { ReportFiltersDto } from './dto/report-query.dto';
import {
  canonicalZone,
  DayBuckets,
  daysBetween,
  DayKeys,
  parseInstant,
  shiftDay,
} from './report-period';

export interface Period {
  from: Date;
  to: Date;
  tz: string;
  /** The calendar days of the period in tz, in order. */
  days: string[];
  dayKeys: DayKeys;
  /** The day of an instant in the period. */
  dayOf: DayBuckets;
}

const invalid = (message: string) => RocketChatError.bracketed('invalid-params', message);

/** Turns a report's `from`, `to` and `tz` into a checked period. */
@Injectable()
export class ReportPeriodService {
  constructor(@Inject(appConfig.KEY) private readonly config: AppConfig) {}

  period({ from: fromText, to: toText, tz = 'UTC' }: ReportFiltersDto): Period {
    // Computed in the canonical name, the one spelling the formatter cache keeps.
    const zone = canonicalZone(tz);
    const from = parseInstant(fromText, zone);
    const to = parseInstant(toText, zone);
    if (!from) throw invalid('from must be an ISO 8601 date or date-time');
    if (!to) throw invalid('to must be an ISO 8601 date or date-time');
    if (from.getTime() >= to.getTime()) throw invalid('from must be before to');
    const { maxRangeDays } = this.config.reports;
    // Counted in the zone's calendar days, so a DST change neither adds nor removes one.
    if ((to.getTime() - from.getTime()) / 86_400_000 > maxRangeDays + 1) {
      throw invalid(`the period must not be longer than ${maxRangeDays} days`);
    }
    const period = build(from, to, tz);
    if (period.days.length > maxRangeDays) {
      throw invalid(`the period must not be longer than ${maxRangeDays} days`);
    }
    return period;
  }

  /**
   * The period of equal length just before `period` (compare=previous). A period of whole
   * local days goes back as many local days, so a week is a week across a DST change (168 or
   * 167 hours); any other goes back its exact length.
   */
  previous(period: Period): Period {
    const zone = canonicalZone(period.tz);
    const startOf = (instant: Date) => parseInstant(period.dayKeys.of(instant), zone)!.getTime();
    const aligned =
      startOf(period.from) === period.from.getTime() && startOf(period.to) === period.to.getTime();
    const from = aligned
      ? parseInstant(shiftDay(period.days[0], -period.days.length), zone)!
      : new Date(2 * period.from.getTime() - period.to.getTime());
    return build(from, period.from, period.tz);
  }
}

function build(from: Date, to: Date, tz: string): Period {
  const zone = canonicalZone(tz);
  const dayKeys = new DayKeys(zone);
  const days = daysBetween(dayKeys.of(from), dayKeys.of(new Date(to.getTime() - 1)));
  return { from, to, tz, days, dayKeys, dayOf: new DayBuckets(days, zone) };
}
