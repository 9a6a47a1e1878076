import { Inject, Injectable } from '@nestjs/common';
import { RocketChatError } from '../common/rocketchat-error';
import { appConfig, type AppConfig } from '../config/app.config';

interface Waiter {
  start: () => void;
  timer: NodeJS.Timeout;
}

/**
 * At most REPORTS_MAX_CONCURRENT report passes at once in this instance, the others queued first
 * come first served (at most REPORTS_QUEUE_MAX, each for at most REPORTS_QUEUE_WAIT_MS), beyond
 * which a call answers 503 service-busy. A pass is a scan of the rooms that holds a pool
 * connection throughout: unbounded, a few managers at once took every connection of the
 * embedded pool (2) and the survey path waited behind them (docs/PERFORMANCE.md).
 */
@Injectable()
export class ReportSlots {
  private running = 0;
  private readonly queue: Waiter[] = [];
  private readonly max: number;
  private readonly queueMax: number;
  private readonly waitMs: number;

  constructor(@Inject(appConfig.KEY) config: AppConfig) {
    ({
      maxConcurrent: this.max,
      queueMax: this.queueMax,
      queueWaitMs: this.waitMs,
    } = config.reports.slots);
  }

  /** Runs `work` in a slot, once one is free; its slot is given back however it ends. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await work();
    } finally {
      this.release();
    }
  }

  /** Passes running and calls waiting, for tests and metrics. */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.queue.length };
  }

  private acquire(): Promise<void> {
    if (this.running < this.max) {
      this.running++;
      return Promise.resolve();
    }
    if (this.queue.length >= this.queueMax) return Promise.reject(this.busy());
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        start: resolve,
        timer: setTimeout(() => {
          this.queue.splice(this.queue.indexOf(waiter), 1);
          reject(this.busy());
        }, this.waitMs),
      };
      this.queue.push(waiter);
    });
  }

  /** The slot goes to the longest waiting call, if any (running stays the same). */
  private release(): void {
    const next = this.queue.shift();
    if (!next) {
      this.running--;
      return;
    }
    clearTimeout(next.timer);
    next.start();
  }

  private busy(): RocketChatError {
    // A queued call runs or gives up within the wait limit, so the queue has room by then.
    return RocketChatError.busy(
      'Too many reports are running; try again in a moment',
      Math.ceil(this.waitMs / 1000),
    );
  }
}
