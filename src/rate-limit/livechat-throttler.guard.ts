import { Injectable, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import type { Response } from 'express';
import { RocketChatError } from '../common/rocketchat-error';

/**
 * @nestjs/throttler with Rocket.Chat's answers: the 429 body its clients parse to know how long
 * to wait, X-RateLimit-Reset as epoch milliseconds (the throttler sends seconds left), and the
 * standard Retry-After on the 429. Runs before any other check of a livechat route, ahead of
 * Nest's router (RocketChatChecks, for `@RocketChatRoutes()` controllers).
 */
@Injectable()
export class LivechatThrottlerGuard extends ThrottlerGuard {
  protected override setResponseHeader(res: Response, name: string, value: number): void {
    if (name.startsWith('Retry-After')) return; // set below, once, under its standard name
    res.header(name, String(name === 'X-RateLimit-Reset' ? Date.now() + value * 1000 : value));
  }

  protected override throwThrottlingException(
    context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const seconds = Math.max(1, Math.ceil(detail.timeToBlockExpire));
    context
      .switchToHttp()
      .getResponse<Response>()
      .header('Retry-After', String(seconds))
      .header('X-RateLimit-Limit', String(detail.limit))
      .header('X-RateLimit-Remaining', '0')
      .header('X-RateLimit-Reset', String(Date.now() + detail.timeToExpire * 1000));
    throw RocketChatError.plain(
      `Error, too many requests. Please slow down. You must wait ${seconds} seconds before trying this endpoint again. [error-too-many-requests]`,
      429,
    );
  }
}
