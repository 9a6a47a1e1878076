import { IsOptional, Matches } from 'class-validator';
import { Feature, Setting } from '../config/setting.decorator';
import { BooleanVariable, IntegerVariable } from '../config/variables';

@Feature({ title: 'Rate limits', folder: 'src/rate-limit' })
export class RateLimitSettings {
  @Setting({ description: "Rocket.Chat's rate limits on every livechat route ([API](api.md))." })
  @BooleanVariable()
  RATE_LIMIT_ENABLED: boolean = true;

  @Setting({
    description:
      'Requests per window per client IP, and per visitor token (`POST visitor`: ' +
      '`visitor.token`), per route and method (Rocket.Chat: 10 per 60 s).',
  })
  @IntegerVariable(1)
  RATE_LIMIT_MAX: number = 10;

  @Setting({ description: 'The same for `GET room` and `POST visitor` (Rocket.Chat: 5).' })
  @IntegerVariable(1)
  RATE_LIMIT_STRICT_MAX: number = 5;

  @Setting({ description: 'The window the limits count in.' })
  @IntegerVariable(1000)
  RATE_LIMIT_WINDOW_MS: number = 60000;

  @Setting({
    description:
      'Redis for rate-limit counters shared by instances. Not needed to serve: while it does ' +
      'not answer, each instance counts in its own memory; readiness does not check it.',
    unset: 'counters in memory (one instance)',
    type: '`redis://` or `rediss://` URL',
    secret: true,
    example: 'redis://127.0.0.1:6379',
  })
  @IsOptional()
  @Matches(/^rediss?:\/\/\S+$/, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  @Setting({
    description:
      'How long a rate-limit call to Redis may take; past it (Redis stopped, stalled, ' +
      'unreachable) the instance counts that request in its own memory (fail open, still ' +
      'limited per instance), and asks Redis again once a second.',
  })
  @IntegerVariable(10, 1000)
  RATE_LIMIT_REDIS_TIMEOUT_MS: number = 250;
}
