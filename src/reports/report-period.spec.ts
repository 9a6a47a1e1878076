import { DayBuckets, DayKeys, daysBetween, isTimeZone, parseInstant } from './report-period';

describe('report periods in a time zone', () => {
  it('reads a date alone as midnight in the zone, either side of a DST change', () => {
    expect(parseInstant('2026-03-29', 'Europe/Paris')!.toISOString()).toBe(
      '2026-03-28T23:00:00.000Z',
    );
    expect(parseInstant('2026-03-30', 'Europe/Paris')!.toISOString()).toBe(
      '2026-03-29T22:00:00.000Z',
    );
    expect(parseInstant('2026-11-01T00:00', 'America/New_York')!.toISOString()).toBe(
      '2026-11-01T04:00:00.000Z',
    );
  });

  it('keeps instants with Z or an offset, refuses impossible dates', () => {
    expect(parseInstant('2026-03-01T00:00:00+05:45', 'UTC')!.toISOString()).toBe(
      '2026-02-28T18:15:00.000Z',
    );
    expect(parseInstant('2026-02-30', 'UTC')).toBeNull();
    expect(parseInstant('soon', 'UTC')).toBeNull();
  });

  it('names days as the zone shows them, half-hour and quarter-hour zones included', () => {
    const ny = new DayKeys('America/New_York');
    expect(ny.of(new Date('2026-03-08T04:59:59Z'))).toBe('2026-03-07');
    expect(ny.of(new Date('2026-03-08T05:00:00Z'))).toBe('2026-03-08');
    const kathmandu = new DayKeys('Asia/Kathmandu');
    expect(kathmandu.of(new Date('2026-01-01T18:14:59Z'))).toBe('2026-01-01');
    expect(kathmandu.of(new Date('2026-01-01T18:15:00Z'))).toBe('2026-01-02');
  });

  it('buckets instants into the days of a period, a 23-hour day included', () => {
    const days = daysBetween('2026-03-28', '2026-03-31');
    expect(days).toEqual(['2026-03-28', '2026-03-29', '2026-03-30', '2026-03-31']);
    const buckets = new DayBuckets(days, 'Europe/Paris');
    const keys = new DayKeys('Europe/Paris');
    for (
      let t = Date.parse('2026-03-27T23:00:00Z');
      t < Date.parse('2026-03-31T22:00:00Z');
      t += 977_000
    ) {
      expect(buckets.of(new Date(t))).toBe(keys.of(new Date(t)));
    }
  });

  it('knows IANA zones through Intl', () => {
    expect(isTimeZone('Europe/Paris')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
});
