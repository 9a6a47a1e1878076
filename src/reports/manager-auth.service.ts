import { createHash, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { RocketChatError } from '../common/rocketchat-error';
import { appConfig, type AppConfig } from '../config/app.config';
import { AgentRepository, type LoginUser } from '../livechat/agent/agent.repository';

/** Rocket.Chat roles that may read reports. */
const MANAGER_ROLES = ['admin', 'livechat-manager'];

export interface Credential {
  /** A stable, non-secret name of the credential, for its rate limit. */
  key: string;
  /** Whether it may read reports (a user without a manager role may not). */
  mayReadReports: boolean;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest();

/** Constant-time equality; a length difference is no secret. */
function same(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Who may read reports: a Rocket.Chat user with a manager role, by Rocket.Chat's REST headers
 * (X-User-Id, X-Auth-Token), or an API key (X-Api-Key) whose SHA-256 digest is configured.
 * A visitor token is never a credential here.
 */
@Injectable()
export class ManagerAuthService {
  private readonly digests: Buffer[];

  constructor(
    private readonly users: AgentRepository,
    @Inject(appConfig.KEY) config: AppConfig,
  ) {
    this.digests = config.reports.apiKeyDigests.map((hex) => Buffer.from(hex, 'hex'));
  }

  /** The request's credential; 401 (Rocket.Chat's body) when it has none that holds. */
  async authenticate(req: Request): Promise<Credential> {
    const apiKey = req.header('x-api-key');
    if (apiKey !== undefined) return this.byApiKey(apiKey);
    const userId = req.header('x-user-id');
    const token = req.header('x-auth-token');
    if (!userId || !token) throw RocketChatError.unauthorized();
    return this.byLoginToken(userId, token);
  }

  private byApiKey(apiKey: string): Credential {
    const digest = sha256(apiKey);
    // Every configured digest is compared: the time taken says nothing of which one matched.
    let matched = false;
    for (const configured of this.digests) matched = same(digest, configured) || matched;
    if (!matched) throw RocketChatError.unauthorized();
    return { key: `key:${digest.toString('hex').slice(0, 32)}`, mayReadReports: true };
  }

  /** Rocket.Chat stores login tokens (and personal access tokens) as base64(sha256(token)). */
  private async byLoginToken(userId: string, token: string): Promise<Credential> {
    const hashedToken = Buffer.from(sha256(token).toString('base64'));
    const user = await this.users.findForLogin(userId);
    let matched = false;
    for (const stored of loginTokens(user)) matched = same(hashedToken, stored) || matched;
    if (!user || !matched) throw RocketChatError.unauthorized();
    return {
      key: `user:${sha256(`${userId}\n${token}`).toString('hex').slice(0, 32)}`,
      mayReadReports: (user.roles ?? []).some((role) => MANAGER_ROLES.includes(role)),
    };
  }
}

function loginTokens(user: LoginUser | null): Buffer[] {
  const tokens = user?.services?.resume?.loginTokens;
  if (!Array.isArray(tokens)) return [];
  return tokens
    .map((entry) => entry?.hashedToken)
    .filter((hashed): hashed is string => typeof hashed === 'string')
    .map((hashed) => Buffer.from(hashed));
}
