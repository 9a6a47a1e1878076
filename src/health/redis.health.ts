import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import Redis from 'ioredis';
import { appConfig, type AppConfig } from '../config/app.config';
import { withTimeout } from './timeout';

/** Redis `PING`, when REDIS_URL is configured (the shared rate-limit counters live there). */
@Injectable()
export class RedisHealthIndicator implements OnModuleDestroy {
  private readonly redis?: Redis;

  constructor(
    @Inject(appConfig.KEY) config: AppConfig,
    private readonly health: HealthIndicatorService,
  ) {
    if (config.redisUrl) {
      this.redis = new Redis(config.redisUrl, {
        lazyConnect: true,
        maxRetriesPerRequest: 1,
        enableOfflineQueue: false,
      });
    }
  }

  get configured(): boolean {
    return this.redis !== undefined;
  }

  async ping(key: string, timeoutMs: number) {
    const check = this.health.check(key);
    try {
      if (this.redis!.status === 'wait') await this.redis!.connect();
      await withTimeout(this.redis!.ping(), timeoutMs);
      return check.up();
    } catch (error) {
      return check.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }

  onModuleDestroy(): void {
    this.redis?.disconnect();
  }
}
