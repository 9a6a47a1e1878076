import { IdleBackoff, PollLoop } from './poll-loop';

describe('IdleBackoff', () => {
  it('waits the base while polls find work, and doubles the wait up to the bound while they find none', () => {
    const backoff = new IdleBackoff(100, 1000);
    const idle = Array.from({ length: 6 }, () => backoff.next(false));
    expect(idle).toEqual([200, 400, 800, 1000, 1000, 1000]);
    expect(backoff.next(true)).toBe(100);
    expect(backoff.next(false)).toBe(200);
  });

  it('starts over from the base after a reset (a local event)', () => {
    const backoff = new IdleBackoff(100, 1000);
    for (let i = 0; i < 5; i++) backoff.next(false);
    backoff.reset();
    expect(backoff.next(false)).toBe(200);
  });
});

describe('PollLoop', () => {
  let polls: number[];
  let found: boolean;
  let loop: PollLoop;
  const start = Date.UTC(2026, 11, 7, 8, 0, 0);

  beforeEach(() => {
    jest.useFakeTimers({ now: start });
    polls = [];
    found = false;
    loop = new PollLoop(
      () => {
        polls.push(Date.now() - start);
        return Promise.resolve(found);
      },
      100,
      1000,
    );
  });
  afterEach(() => {
    loop.stop();
    jest.useRealTimers();
  });

  it('polls at once when woken, then ever more slowly while idle, never more than the bound apart', async () => {
    loop.wake();
    await jest.advanceTimersByTimeAsync(5000);
    expect(polls).toEqual([0, 200, 600, 1400, 2400, 3400, 4400]);
  });

  it('polls every base interval while polls find work', async () => {
    found = true;
    loop.wake();
    await jest.advanceTimersByTimeAsync(450);
    expect(polls).toEqual([0, 100, 200, 300, 400]);
  });

  it('answers a wake-up at once however long the idle wait has grown', async () => {
    loop.wake();
    await jest.advanceTimersByTimeAsync(2000);
    const seen = polls.length;
    loop.wake();
    await jest.advanceTimersByTimeAsync(0);
    expect(polls.slice(seen)).toEqual([2000]);
  });

  it('polls by the time a retry asked for, before the idle wait ends', async () => {
    loop.wake();
    await jest.advanceTimersByTimeAsync(2500);
    const seen = polls.length;
    // The next idle poll would come at 3400.
    loop.wakeBy(new Date(start + 2700));
    await jest.advanceTimersByTimeAsync(300);
    expect(polls.slice(seen)).toEqual([2700]);
  });

  it('keeps the base interval after a failed poll (it may have missed work)', async () => {
    const failing = new PollLoop(
      () => {
        polls.push(Date.now() - start);
        return Promise.reject(new Error('down'));
      },
      100,
      1000,
    );
    failing.wake();
    await jest.advanceTimersByTimeAsync(350);
    failing.stop();
    expect(polls).toEqual([0, 100, 200, 300]);
  });

  it('polls no more once stopped', async () => {
    loop.wake();
    loop.stop();
    await jest.advanceTimersByTimeAsync(5000);
    loop.wake();
    expect(polls).toEqual([0]);
  });
});
