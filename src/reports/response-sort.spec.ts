import { rowOrder, type SortableRow } from './response-sort';

const VALUES = ['1', '2', '3', '4', '5'];
const row = (rid: string, minute: number, satisfaction?: string): SortableRow => ({
  rid,
  ts: null,
  closedAt: null,
  submittedAt: new Date(Date.UTC(2026, 2, 1, 10, minute)).toISOString(),
  items: satisfaction === undefined ? {} : { satisfaction },
});

describe('the order of answers', () => {
  const rows = [
    row('a', 1, '2'),
    row('b', 2, '5'),
    row('c', 3),
    row('d', 3, '2'),
    row('e', 3, '2'),
  ];
  const order = (sort?: string, values = VALUES) =>
    [...rows].sort(rowOrder(sort, values)).map((r) => r.rid);

  it('puts the lowest score first, ties newest first then by room id, unscored last', () => {
    expect(order('{"satisfaction":1}')).toEqual(['d', 'e', 'a', 'b', 'c']);
    expect(order('{"satisfaction":-1}')).toEqual(['b', 'd', 'e', 'a', 'c']);
  });

  it('ranks by the place in the configured scale, not alphabetically', () => {
    const labelled = [row('x', 1, 'good'), row('y', 2, 'bad'), row('z', 3, 'fair')];
    const sorted = labelled.sort(rowOrder('{"satisfaction":1}', ['bad', 'fair', 'good']));
    expect(sorted.map((r) => r.rid)).toEqual(['y', 'z', 'x']);
  });

  it('stays newest first by default', () => {
    expect(order()).toEqual(['e', 'd', 'c', 'b', 'a']);
  });
});
