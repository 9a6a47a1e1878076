import { FollowupTally, median, statusOf } from './followup-figures.service';
import type { FollowupState } from './followup.repository';

describe('the follow-up figures', () => {
  it('takes the median of an odd and an even count, null of none', () => {
    expect(median([])).toBeNull();
    expect(median([30, 10, 20])).toBe(20);
    expect(median([40, 10, 30, 20])).toBe(25);
  });

  it('keeps only the queued answers of a report pass', () => {
    const tally = new FollowupTally((satisfaction) => satisfaction === '1');
    tally.offer('a', new Date(5), '1');
    tally.offer('b', new Date(6), '4');
    tally.offer('c', new Date(7), undefined);
    expect([...tally.answers]).toEqual([['a', 5]]);
  });

  it('applies a follow-up to the answer it was made for only', () => {
    const state = { answeredAt: new Date(5), status: 'resolved' } as FollowupState;
    expect(statusOf(5, state)).toBe(state);
    expect(statusOf(6, state)).toBeUndefined();
    expect(statusOf(5, undefined)).toBeUndefined();
  });
});
