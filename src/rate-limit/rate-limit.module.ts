import { createHash } from 'node:crypto';
import { Global, Module, type ExecutionContext } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { getToken, makeCounterProvider } from '@willsoto/nestjs-prometheus';
import type { Request } from 'express';
import type { Counter } from 'prom-client';
import { appConfig, type AppConfig } from '../config/app.config';
import { isStrictlyLimited } from './rate-limit.decorators';
import { LivechatThrottlerGuard } from './livechat-throttler.guard';
import { RequestCounter } from './request-counter';
import { RedisThrottlerStorage } from './redis-throttler.storage';

const RATE_LIMIT_FALLBACKS = 'livechat_survey_rate_limit_fallbacks_total';

@Module({
  providers: [
    makeCounterProvider({
      name: RATE_LIMIT_FALLBACKS,
      help: "Rate-limit checks counted in this instance's memory because Redis did not answer.",
    }),
  ],
  exports: [getToken(RATE_LIMIT_FALLBACKS)],
})
class RateLimitMetricsModule {}

// Asked twice per request (skipIf, then getTracker): hashed once.
const hashedTokens = new WeakMap<Request, string | undefined>();

/**
 * The visitor token a request carries (body, POST visitor's `visitor.token`, path or query),
 * hashed: never a raw key.
 */
function visitorToken(context: ExecutionContext): string | undefined {
  const req = context.switchToHttp().getRequest<Request>();
  if (hashedTokens.has(req)) return hashedTokens.get(req);
  const body = req.body as Record<string, unknown> | undefined;
  const sources = [body, body?.visitor, req.params, req.query] as Array<
    Record<string, unknown> | null | undefined
  >;
  const token = sources.map((source) => source?.token).find((value) => typeof value === 'string');
  const hashed =
    typeof token === 'string' ? createHash('sha256').update(token).digest('hex') : undefined;
  hashedTokens.set(req, hashed);
  return hashed;
}

/**
 * Rocket.Chat's rate limits: per client IP, per route and method (10 per 60 s; 5 for GET room
 * and POST visitor), plus the same per visitor token. Counters live in Redis when REDIS_URL is
 * set, so instances share them (in memory while Redis does not answer); else in memory.
 */
@Global()
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      imports: [RateLimitMetricsModule],
      inject: [appConfig.KEY, getToken(RATE_LIMIT_FALLBACKS)],
      useFactory: ({ rateLimit, redisUrl }: AppConfig, fallbacks: Counter<string>) => {
        const limit = (context: ExecutionContext) =>
          isStrictlyLimited(context) ? rateLimit.strictMax : rateLimit.max;
        return {
          throttlers: [
            { name: 'default', ttl: rateLimit.windowMs, limit },
            {
              name: 'token',
              ttl: rateLimit.windowMs,
              limit,
              // The headers speak of the client's own (IP) budget.
              setHeaders: false,
              getTracker: (_req: Record<string, unknown>, context: ExecutionContext) =>
                visitorToken(context) ?? '',
              // A throttler's own skipIf replaces the common one.
              skipIf: (context: ExecutionContext) =>
                !rateLimit.enabled || visitorToken(context) === undefined,
            },
          ],
          skipIf: () => !rateLimit.enabled,
          storage: redisUrl
            ? new RedisThrottlerStorage(redisUrl, rateLimit.redisTimeoutMs, fallbacks)
            : undefined,
        };
      },
    }),
  ],
  providers: [LivechatThrottlerGuard, RequestCounter],
  exports: [LivechatThrottlerGuard, RequestCounter],
})
export class RateLimitModule {}
