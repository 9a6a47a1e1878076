import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { RocketChatError } from '../common/rocketchat-error';
import { appConfig, type AppConfig } from '../config/app.config';
import { RequestCounter } from '../rate-limit/request-counter';
import { setRateLimitHeaders, tooManyRequests } from '../rate-limit/too-many-requests';
import { ManagerAuthService, type Credential } from './manager-auth.service';
import { DEFAULT_SCOPE, lacksScope, REQUIRED_SCOPE, type Scope } from './scopes';

/** A request the guard let through, with the credential it found (read by @ActingUser()). */
export type CredentialRequest = Request & { credential?: Credential };

/**
 * Reports are for managers. Every sign-in attempt is counted against the client IP before its
 * credential is looked at (RATE_LIMIT_MAX per RATE_LIMIT_WINDOW_MS, all report routes together),
 * and given back once the credential holds: only failures keep their place. Over the limit, the
 * IP gets 429 without a look at its credentials (a guess can no longer be confirmed, and a burst
 * of guesses never reaches the database); a 401 says in the X-RateLimit-* headers how many
 * attempts are left. Authenticated calls count against their credential (REPORTS_RATE_LIMIT_MAX
 * per window), whatever the IP; their answers carry that budget in the same headers. A user
 * without a manager role: 403; a credential without the route's scope (RequireScope, else
 * reports:read): 403 naming that scope.
 */
@Injectable()
export class ManagerAuthGuard implements CanActivate {
  constructor(
    private readonly auth: ManagerAuthService,
    private readonly counter: RequestCounter,
    private readonly reflector: Reflector,
    @Inject(appConfig.KEY) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    const credential = this.config.rateLimit.enabled
      ? await this.authenticateCounted(req, res)
      : await this.auth.authenticate(req);
    if (credential.scopes.size === 0) {
      throw RocketChatError.plain(
        'User does not have the permissions required for this action [error-unauthorized]',
        403,
      );
    }
    const scope =
      this.reflector.getAllAndOverride<Scope | undefined>(REQUIRED_SCOPE, [
        context.getHandler(),
        context.getClass(),
      ]) ?? DEFAULT_SCOPE;
    if (!credential.scopes.has(scope)) throw RocketChatError.plain(lacksScope(scope), 403);
    (req as CredentialRequest).credential = credential;
    return true;
  }

  private async authenticateCounted(req: Request, res: Response): Promise<Credential> {
    const { max, windowMs } = this.config.rateLimit;
    const ipKey = `livechat-survey:reports:auth-failures:${req.ip}`;
    // Counted first, atomically: concurrent guesses cannot all read a count under the limit.
    const attempt = await this.counter.count(ipKey, windowMs);
    if (attempt.hits > max) throw tooManyRequests(res, max, attempt.resetAt);
    let credential: Credential;
    try {
      credential = await this.auth.authenticate(req);
    } catch (error) {
      if (error instanceof RocketChatError && error.status === 401) {
        setRateLimitHeaders(res, max, max - attempt.hits, attempt.resetAt);
      } else {
        await this.counter.release(ipKey); // the database failed, not the credential
      }
      throw error;
    }
    await this.counter.release(ipKey);
    await this.countCredential(credential, res);
    return credential;
  }

  private async countCredential(credential: Credential, res: Response): Promise<void> {
    const limit = this.config.reports.rateLimitMax;
    const used = await this.counter.count(
      `livechat-survey:reports:credential:${credential.key}`,
      this.config.rateLimit.windowMs,
    );
    if (used.hits > limit) throw tooManyRequests(res, limit, used.resetAt);
    setRateLimitHeaders(res, limit, limit - used.hits, used.resetAt);
  }
}
