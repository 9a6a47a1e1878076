import { Inject, Injectable } from '@nestjs/common';
import { RocketChatError } from '../common/rocketchat-error';
import { appConfig, type AppConfig } from '../config/app.config';
import type { ReportFiltersDto } from './dto/report-query.dto';
import { canonicalZone, DayBuckets, daysBetween, DayKeys, parseInstant } from './report-period';

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
    const dayKeys = new DayKeys(zone);
    const { maxRangeDays } = this.config.reports;
    // Counted in the zone's calendar days, so a DST change neither adds nor removes one.
    if ((to.getTime() - from.getTime()) / 86_400_000 > maxRangeDays + 1) {
      throw invalid(`the period must not be longer than ${maxRangeDays} days`);
    }
    const days = daysBetween(dayKeys.of(from), dayKeys.of(new Date(to.getTime() - 1)));
    if (days.length > maxRangeDays) {
      throw invalid(`the period must not be longer than ${maxRangeDays} days`);
    }
    return { from, to, tz, days, dayKeys, dayOf: new DayBuckets(days, zone) };
  }
}
