import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import Redis from 'ioredis';
import { appConfig, type AppConfig } from '../config/app.config';

export interface WindowCount {
  /** Requests counted in the current window, this one included when counting. */
  hits: number;
  /** When the window ends, epoch ms. */
  resetAt: number;
}

/**
 * Fixed-window counters for the report routes, which need what the throttler cannot give: to
 * read a counter without adding to it (a client IP blocked for failed authentications stays
 * blocked even when it finally sends a valid credential, or a 200 would confirm a guess), and to
 * count only some requests (failed ones per IP, authenticated ones per credential). In Redis
 * when REDIS_URL is set (shared by instances; in memory while it does not answer), else in memory.
 */
@Injectable()
export class RequestCounter implements OnModuleDestroy {
  private readonly logger = new Logger(RequestCounter.name);
  private readonly memory = new Map<string, WindowCount>();
  private nextSweep = 0;
  private lastWarning = 0;
  private readonly redis?: Redis;

  constructor(@Inject(appConfig.KEY) config: AppConfig) {
    if (config.redisUrl) {
      // Fail fast while Redis is away or stalled instead of queueing requests behind it (as the
      // throttler's RedisThrottlerStorage).
      this.redis = new Redis(config.redisUrl, {
        lazyConnect: true,
        enableOfflineQueue: false,
        maxRetriesPerRequest: 0,
        commandTimeout: config.rateLimit.redisTimeoutMs,
        connectTimeout: config.rateLimit.redisTimeoutMs,
      });
      this.redis.on('error', () => undefined); // reported where a command fails
      this.redis.connect().catch(() => undefined);
    }
  }

  onModuleDestroy(): void {
    this.redis?.disconnect();
  }

  /** Adds one to `key`'s window (windowMs long, started by its first request). */
  async count(key: string, windowMs: number): Promise<WindowCount> {
    if (!this.redis) return this.countInMemory(key, windowMs);
    try {
      const [[, hits], [, ttl]] = (await this.redis
        .multi()
        .incr(key)
        .pexpire(key, windowMs, 'NX')
        .pttl(key)
        .exec()) as [[null, number], [null, number], [null, number]];
      return { hits, resetAt: Date.now() + Math.max(ttl, 0) };
    } catch (error) {
      this.unavailable(error);
      return this.countInMemory(key, windowMs);
    }
  }

  /** `key`'s window as it stands, without counting. */
  async peek(key: string): Promise<WindowCount> {
    if (!this.redis) return this.peekInMemory(key);
    try {
      const [[, hits], [, ttl]] = (await this.redis.multi().get(key).pttl(key).exec()) as [
        [null, string | null],
        [null, number],
      ];
      return { hits: Number(hits ?? 0), resetAt: Date.now() + Math.max(ttl, 0) };
    } catch (error) {
      this.unavailable(error);
      return this.peekInMemory(key);
    }
  }

  private peekInMemory(key: string): WindowCount {
    const window = this.memory.get(key);
    return window && window.resetAt > Date.now() ? window : { hits: 0, resetAt: Date.now() };
  }

  private countInMemory(key: string, windowMs: number): WindowCount {
    const now = Date.now();
    let window = this.memory.get(key);
    if (!window || window.resetAt <= now) {
      this.sweep(now, windowMs);
      window = { hits: 0, resetAt: now + windowMs };
      this.memory.set(key, window);
    }
    window.hits++;
    return { ...window };
  }

  // Expired windows go, at most once a window: the map holds only recent clients.
  private sweep(now: number, windowMs: number): void {
    if (now < this.nextSweep) return;
    this.nextSweep = now + windowMs;
    for (const [key, window] of this.memory) if (window.resetAt <= now) this.memory.delete(key);
  }

  /**
   * Redis away or stalled: this instance counts in its own memory (fail open, still limited per
   * instance, the throttler's policy), with a warning at most once a minute.
   */
  private unavailable(error: unknown): void {
    if (Date.now() - this.lastWarning < 60_000) return;
    this.lastWarning = Date.now();
    this.logger.warn(
      `report rate-limit counters: Redis unavailable (${(error as Error).name}); counting in memory`,
    );
  }
}
