import type { AppConfig } from '../config/app.config';
import { daysBetween } from './report-period';
import { ReportPeriodService } from './report-period.service';

const periods = new ReportPeriodService({ reports: { maxRangeDays: 366 } } as AppConfig);

/** The zone's offset at `instant`, as Intl writes it (`GMT+05:45`): the test's own reading. */
function offsetName(format: Intl.DateTimeFormat, instant: number): string {
  return format.formatToParts(instant).find((part) => part.type === 'timeZoneName')!.value;
}

/** Days of 2026 on which the zone's offset at noon UTC differs from the day before's. */
function changeDays(tz: string): string[] {
  const days = daysBetween('2026-01-01', '2026-12-31');
  const format = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'longOffset' });
  const offset = (day: string) => offsetName(format, Date.parse(`${day}T12:00:00Z`));
  return days.filter((day, i) => i > 0 && offset(day) !== offset(days[i - 1]));
}

const twoDays = (tz: string, first: string) => {
  const [a, b, c] = daysBetween(first, '2027-12-31');
  return { period: periods.period({ from: a, to: c, tz }), expected: [a, b] };
};

describe('a period of whole days in a time zone', () => {
  it.each([
    ['+00:07', '2026-11-01'],
    ['-00:07', '2026-11-01'],
    ['+0530', '2026-11-01'],
    ['Asia/Kathmandu', '2026-11-01'],
    // 25 hours on 2026-10-25.
    ['Europe/Paris', '2026-10-24'],
    // Clocks jump from 00:00 to 01:00 on 2026-09-06: that day's midnight is never shown.
    ['America/Santiago', '2026-09-06'],
  ])('from/to as dates in %s (from %s) gives exactly its two days', (tz, first) => {
    const { period, expected } = twoDays(tz, first);
    expect(period.days).toEqual(expected);
    expect(period.dayKeys.of(period.from)).toBe(expected[0]);
  });

  it('holds in every zone Intl knows, on the days around each of its offset changes of 2026', () => {
    const wrong: string[] = [];
    for (const tz of Intl.supportedValuesOf('timeZone')) {
      for (const change of changeDays(tz)) {
        for (const first of daysBetween(addDays(change, -2), addDays(change, 1))) {
          const { period, expected } = twoDays(tz, first);
          if (period.days.join() !== expected.join())
            wrong.push(`${tz} ${first}: ${period.days.join()}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('starts a day whose midnight is never shown at the first instant it is shown', () => {
    const { period } = twoDays('America/Santiago', '2026-09-06');
    expect(period.from.toISOString()).toBe('2026-09-06T04:00:00.000Z');
    expect(period.dayOf.of(new Date('2026-09-07T02:59:59Z'))).toBe('2026-09-06');
    expect(period.dayOf.of(new Date('2026-09-07T03:00:00Z'))).toBe('2026-09-07');
  });
});

function addDays(day: string, n: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + n);
  return date.toISOString().slice(0, 10);
}
