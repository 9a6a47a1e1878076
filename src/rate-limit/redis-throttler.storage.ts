import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import { ThrottlerStorageService, type ThrottlerStorage } from '@nestjs/throttler';
import Redis from 'ioredis';
import type { Counter } from 'prom-client';

type Record = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** After Redis fails, count in memory this long before asking it again (one slow call a second). */
const RETRY_REDIS_AFTER_MS = 1000;
/** Within one outage, at most one warning per this interval, however many requests fall back. */
const WARN_EVERY_MS = 60_000;

/**
 * The rate-limit counters in Redis, shared by instances; when Redis does not answer within
 * `timeoutMs` (stopped, stalled, unreachable), this instance counts in its own memory instead
 * (fail open, still limited per instance), logs a warning when an outage starts (then at most once
 * a minute) and when it ends, and counts each fallback in a metric. ioredis's defaults would queue commands while offline and retry each
 * about 20 times: requests then hang and end in 500.
 */
export class RedisThrottlerStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly logger = new Logger('RateLimit');
  private readonly redis: Redis;
  private readonly shared: ThrottlerStorageRedisService;
  private readonly local = new ThrottlerStorageService();
  private redisSkippedUntil = 0;
  private failing = false;
  private lastWarning = 0;

  constructor(
    url: string,
    timeoutMs: number,
    private readonly fallbacks: Counter<string>,
  ) {
    this.redis = new Redis(url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: timeoutMs,
      connectTimeout: timeoutMs,
    });
    // Connection errors surface as failed commands below; unhandled, ioredis prints each one.
    this.redis.on('error', () => undefined);
    this.shared = new ThrottlerStorageRedisService(this.redis);
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<Record> {
    if (Date.now() >= this.redisSkippedUntil) {
      try {
        const record = await this.shared.increment(key, ttl, limit, blockDuration, throttlerName);
        this.recovered();
        return record;
      } catch (error) {
        this.failed(error);
      }
    }
    this.fallbacks.inc();
    return this.local.increment(key, ttl, limit, blockDuration, throttlerName);
  }

  /** After the HTTP server has stopped (onApplicationShutdown): requests in flight still count. */
  async onApplicationShutdown(): Promise<void> {
    this.local.onApplicationShutdown();
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  private failed(error: unknown): void {
    this.redisSkippedUntil = Date.now() + RETRY_REDIS_AFTER_MS;
    const newOutage = !this.failing;
    this.failing = true;
    if (!newOutage && Date.now() - this.lastWarning < WARN_EVERY_MS) return;
    this.lastWarning = Date.now();
    const reason = error instanceof Error ? error.message : String(error);
    this.logger.warn(
      `rate-limit counters: Redis unavailable (${reason}); counting in this instance's memory until it answers`,
    );
  }

  private recovered(): void {
    if (!this.failing) return;
    this.failing = false;
    this.logger.log('rate-limit counters: Redis answers again; counters shared again');
  }
}
