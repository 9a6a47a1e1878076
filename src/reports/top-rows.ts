import { RocketChatError } from '../common/rocketchat-error';

/**
 * The deepest row a page may reach (offset + count). No index can order rows by their derived
 * key, so a page is one pass keeping the best offset + count rows: capped, that is at most 1,000
 * rows in memory (~2.5 MB with 2 KB comments) whatever the parameters, where an unbounded offset
 * kept every matching row (16 such calls ended the process). Beyond it, the CSV export streams
 * every row; GitHub's search API draws the same line at 1,000 results.
 */
export const MAX_PAGE_DEPTH = 1000;

/**
 * The rows a page of `count` after `offset` needs kept, refused (invalid-params, with `hint`)
 * beyond MAX_PAGE_DEPTH, before any row is read.
 */
export function pageDepth(offset: number, count: number, hint = ''): number {
  if (offset + count > MAX_PAGE_DEPTH) {
    throw RocketChatError.bracketed(
      'invalid-params',
      `offset + count must be at most ${MAX_PAGE_DEPTH}${hint}`,
    );
  }
  return offset + count;
}

/**
 * The first `size` items in `compare` order among all those offered, in O(size) memory: a
 * binary max-heap holding the best so far, its root the worst of them.
 */
export class TopRows<T> {
  private readonly heap: T[] = [];

  constructor(
    private readonly size: number,
    private readonly compare: (a: T, b: T) => number,
  ) {}

  offer(item: T): void {
    if (this.heap.length < this.size) {
      this.heap.push(item);
      this.up(this.heap.length - 1);
    } else if (this.size > 0 && this.compare(item, this.heap[0]) < 0) {
      this.heap[0] = item;
      this.down(0);
    }
  }

  sorted(): T[] {
    return [...this.heap].sort(this.compare);
  }

  private up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.compare(this.heap[i], this.heap[parent]) <= 0) return;
      [this.heap[i], this.heap[parent]] = [this.heap[parent], this.heap[i]];
      i = parent;
    }
  }

  private down(i: number): void {
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let worst = i;
      if (left < this.heap.length && this.compare(this.heap[left], this.heap[worst]) > 0)
        worst = left;
      if (right < this.heap.length && this.compare(this.heap[right], this.heap[worst]) > 0)
        worst = right;
      if (worst === i) return;
      [this.heap[i], this.heap[worst]] = [this.heap[worst], this.heap[i]];
      i = worst;
    }
  }
}
