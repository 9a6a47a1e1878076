import { DayBuckets, daysBetween } from './report-period';
import { HourBuckets, isoWeekday, localClock } from './report-hours';

/** The hour Intl shows: the test's own reading. */
const intlHour = (tz: string, t: number) =>
  Number(
    new Intl.DateTimeFormat('en-US', { timeZone: tz, hour: '2-digit', hourCycle: 'h23' }).format(t),
  );

describe('local hours of a period', () => {
  it.each([
    ['Europe/Paris', '2026-03-28', '2026-03-30'],
    ['America/New_York', '2026-10-31', '2026-11-02'],
    ['America/Santiago', '2026-09-05', '2026-09-07'],
    ['Asia/Kathmandu', '2026-01-01', '2026-01-03'],
    ['Australia/Lord_Howe', '2026-04-04', '2026-04-06'],
  ])('equal the hour Intl shows in %s, DST changes included', (tz, first, last) => {
    const days = daysBetween(first, last);
    const dayOf = new DayBuckets(days, tz);
    const hours = new HourBuckets(days, tz);
    const start = Date.parse(`${first}T12:00:00Z`);
    const wrong: string[] = [];
    for (let t = start; t < start + 2 * 86_400_000; t += 419_000) {
      const instant = new Date(t);
      const hour = hours.hourOf(instant, dayOf.indexOf(instant));
      if (hour !== intlHour(tz, t)) wrong.push(`${instant.toISOString()}: ${hour}`);
    }
    expect(wrong).toEqual([]);
  });

  it('names ISO weekdays, Monday 1 to Sunday 7', () => {
    expect(['2026-11-02', '2026-11-07', '2026-11-08'].map(isoWeekday)).toEqual([1, 6, 7]);
  });
});

describe('the local clock of a period: hour and ISO weekday', () => {
  it.each([
    ['2026-11-02T23:30:00Z', 'Europe/Paris', 0, 2],
    ['2026-11-02T23:30:00Z', 'UTC', 23, 1],
    // 02:30 twice on the night clocks go back: both are hour 2, Sunday.
    ['2026-10-25T00:30:00Z', 'Europe/Paris', 2, 7],
    ['2026-10-25T01:30:00Z', 'Europe/Paris', 2, 7],
    ['2026-01-04T18:14:59Z', 'Asia/Kathmandu', 23, 7],
    ['2026-01-04T18:15:00Z', 'Asia/Kathmandu', 0, 1],
  ])('%s in %s is hour %i, ISO weekday %i', (instant, tz, hour, weekday) => {
    const days = daysBetween('2025-12-30', '2026-11-05');
    const clock = localClock({ days, dayOf: new DayBuckets(days, tz), tz });
    expect(clock(new Date(instant))).toEqual({ hour, weekday });
  });
});
