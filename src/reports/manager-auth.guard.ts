import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { RocketChatError } from '../common/rocketchat-error';
import { appConfig, type AppConfig } from '../config/app.config';
import { RequestCounter } from '../rate-limit/request-counter';
import { setRateLimitHeaders, tooManyRequests } from '../rate-limit/too-many-requests';
import { ManagerAuthService } from './manager-auth.service';

/**
 * Reports are for managers. Failed authentications count against the client IP (RATE_LIMIT_MAX
 * per RATE_LIMIT_WINDOW_MS, all report routes together): once over, the IP gets 429 before its
 * credentials are even looked at, so a guess can no longer be confirmed. Authenticated calls
 * count against their credential (REPORTS_RATE_LIMIT_MAX per window), whatever the IP; their
 * answers carry that budget in the X-RateLimit-* headers. A user without a manager role: 403.
 */
@Injectable()
export class ManagerAuthGuard implements CanActivate {
  constructor(
    private readonly auth: ManagerAuthService,
    private readonly counter: RequestCounter,
    @Inject(appConfig.KEY) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    const { enabled, max, windowMs } = this.config.rateLimit;
    const ipKey = `livechat-survey:reports:auth-failures:${req.ip}`;
    if (enabled) {
      const failures = await this.counter.peek(ipKey);
      if (failures && failures.hits >= max) throw tooManyRequests(res, max, failures.resetAt);
    }
    const credential = await this.auth.authenticate(req).catch(async (error: unknown) => {
      const failed = error instanceof RocketChatError && error.status === 401;
      if (enabled && failed) await this.counter.count(ipKey, windowMs);
      throw error;
    });
    if (enabled) {
      const limit = this.config.reports.rateLimitMax;
      const used = await this.counter.count(
        `livechat-survey:reports:credential:${credential.key}`,
        windowMs,
      );
      if (used && used.hits > limit) throw tooManyRequests(res, limit, used.resetAt);
      if (used) setRateLimitHeaders(res, limit, limit - used.hits, used.resetAt);
    }
    if (!credential.mayReadReports) {
      throw RocketChatError.plain(
        'User does not have the permissions required for this action [error-unauthorized]',
        403,
      );
    }
    return true;
  }
}
