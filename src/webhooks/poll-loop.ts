/**
 * The wait before the next poll: `baseMs` while polls find work, doubling up to `maxMs` while
 * they find none, so that an idle instance costs the database a poll every `maxMs` at most.
 */
export class IdleBackoff {
  private wait: number;

  constructor(
    private readonly baseMs: number,
    private readonly maxMs: number,
  ) {
    this.wait = baseMs;
  }

  /** After a poll: how long to wait before the next one. */
  next(foundWork: boolean): number {
    this.wait = foundWork ? this.baseMs : Math.min(this.wait * 2, this.maxMs);
    return this.wait;
  }

  /** Work is expected (a local event): the next idle wait starts over from the base. */
  reset(): void {
    this.wait = this.baseMs;
  }
}

/**
 * Runs `pollOnce` (which says whether it found work) one at a time, on an IdleBackoff schedule.
 * `wake` polls now (or right after the poll under way); `wakeBy` asks for a poll no later than a
 * given time (a retry this instance scheduled). Only the earliest `wakeBy` is remembered: a later
 * one is served by the next poll, at most `maxMs` after its time.
 */
export class PollLoop {
  private readonly backoff: IdleBackoff;
  private timer?: NodeJS.Timeout;
  private timerAt = Infinity;
  /** The earliest time asked for by wakeBy that no poll has started after yet. */
  private wanted = Infinity;
  private running = false;
  private again = false;
  private stopped = false;

  constructor(
    private readonly pollOnce: () => Promise<boolean>,
    baseMs: number,
    maxMs: number,
  ) {
    this.backoff = new IdleBackoff(baseMs, maxMs);
  }

  wake(): void {
    this.backoff.reset();
    this.run();
  }

  wakeBy(at: Date): void {
    const time = at.getTime();
    if (time < this.wanted) this.wanted = time;
    this.schedule(time - Date.now());
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private run(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    clearTimeout(this.timer);
    this.timerAt = Infinity;
    if (this.wanted <= Date.now()) this.wanted = Infinity;
    void this.pollOnce()
      // pollOnce reports its own errors; a failed poll may have missed work: the base wait.
      .catch(() => true)
      .then((found) => {
        this.running = false;
        const wait = this.backoff.next(found);
        if (this.again) {
          this.again = false;
          this.run();
        } else this.schedule(Math.min(wait, this.wanted - Date.now()));
      });
  }

  /** A poll in `ms`, unless one is due sooner already. */
  private schedule(ms: number): void {
    const at = Date.now() + Math.max(0, ms);
    if (this.stopped || at >= this.timerAt) return;
    clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(() => this.run(), at - Date.now());
    this.timer.unref();
  }
}
