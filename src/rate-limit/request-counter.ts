import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import Redis from 'ioredis';
import { appConfig, type AppConfig } from '../config/app.config';

const RELEASE = "if redis.call('PTTL', KEYS[1]) > 0 then redis.call('DECR', KEYS[1]) end";

export interface WindowCount {
  /** Requests counted in the current window, this one included when counting. */
  hits: number;
  /** When the window ends, epoch ms. */
  resetAt: number;
}

/**
 * Fixed-window counters for the report routes, which need what the throttler cannot give: to
 * give a count back (a sign-in attempt is counted before its credential is looked at, and only a
 * failed one keeps its place), and to count only some requests (authenticated ones per
 * credential). In Redis when REDIS_URL is set, shared by instances, and always in this
 * instance's memory too: while Redis does not answer, the count goes on from what this instance
 * saw, rather than from zero.
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

  /**
   * Adds one to `key`'s window (windowMs long, started by its first request): the shared count,
   * or this instance's own when that is higher (Redis stalled or away, or a window it reset).
   */
  async count(key: string, windowMs: number): Promise<WindowCount> {
    const own = this.countInMemory(key, windowMs);
    if (!this.redis) return own;
    try {
      const [[, hits], [, ttl]] = (await this.redis
        .multi()
        .incr(key)
        .pexpire(key, windowMs, 'NX')
        .pttl(key)
        .exec()) as [[null, number], [null, number], [null, number]];
      return hits >= own.hits ? { hits, resetAt: Date.now() + Math.max(ttl, 0) } : own;
    } catch (error) {
      this.unavailable(error);
      return own;
    }
  }

  /**
   * Gives back one count of `key`'s current window. In Redis, only while the key exists: a window
   * that ended meanwhile is not brought back at -1.
   */
  async release(key: string): Promise<void> {
    const own = this.memory.get(key);
    if (own && own.resetAt > Date.now() && own.hits > 0) own.hits--;
    if (!this.redis) return;
    try {
      await this.redis.eval(RELEASE, 1, key);
    } catch (error) {
      this.unavailable(error);
    }
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
   * Redis away or stalled: this instance counts on its own (fail open, still limited per
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
