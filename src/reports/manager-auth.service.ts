import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Request } from 'express';
import { RocketChatError } from '../common/rocketchat-error';
import { appConfig, type AppConfig } from '../config/app.config';
import { AgentRepository } from '../livechat/agent/agent.repository';
import {
  LOGIN_EXPIRATION,
  LOGIN_EXPIRATION_DEFAULT_DAYS,
} from '../livechat/settings/livechat-settings';
import { SettingsRepository } from '../livechat/settings/settings.repository';
import { REPORTS_API_KEYS_WARNING, scopesByDigest } from './api-keys';
import { isActive, isManager, matchingToken, same, unexpired } from './rocketchat-login';
import { SCOPES, type Scope } from './scopes';

export interface Credential {
  /** A stable, non-secret name of the credential, for its rate limit. */
  key: string;
  /** What it may do: every scope for a manager, none for a user without a manager role. */
  scopes: ReadonlySet<Scope>;
  /**
   * Who acts, as a follow-up records it: the Rocket.Chat user, or for an API key its `key`
   * (a digest prefix, never the key) with no username.
   */
  actor: Actor;
}

export interface Actor {
  _id: string;
  username: string | null;
}

const EVERY_SCOPE: ReadonlySet<Scope> = new Set(SCOPES);
const NO_SCOPE: ReadonlySet<Scope> = new Set();
const sha256 = (text: string) => createHash('sha256').update(text).digest();

/**
 * Who may read reports: an active Rocket.Chat user with a manager role, by Rocket.Chat's REST
 * headers (X-User-Id, X-Auth-Token: a login token within Accounts_LoginExpiration, or a personal
 * access token), or an API key (X-Api-Key) whose SHA-256 digest is configured: in API_KEYS with
 * its scopes, or in REPORTS_API_KEYS (read only). A visitor token is never a credential here.
 */
@Injectable()
export class ManagerAuthService {
  private readonly logger = new Logger(ManagerAuthService.name);
  private readonly keys: ReadonlyArray<{ digest: Buffer; scopes: ReadonlySet<Scope> }>;

  constructor(
    private readonly users: AgentRepository,
    private readonly settings: SettingsRepository,
    @Inject(appConfig.KEY) config: AppConfig,
  ) {
    const { apiKeyDigests, apiKeys } = config.reports;
    this.keys = [...scopesByDigest(apiKeyDigests, apiKeys)].map(([hex, scopes]) => ({
      digest: Buffer.from(hex, 'hex'),
      scopes,
    }));
    // Once per process: this service is the one instance every manager route shares.
    if (apiKeyDigests.length > 0) this.logger.warn(REPORTS_API_KEYS_WARNING);
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
    let scopes: ReadonlySet<Scope> | undefined;
    for (const key of this.keys) if (same(digest, key.digest)) scopes = key.scopes;
    if (!scopes) throw RocketChatError.unauthorized();
    const key = `key:${digest.toString('hex').slice(0, 32)}`;
    return { key, scopes, actor: { _id: key, username: null } };
  }

  /** Rocket.Chat stores login tokens (and personal access tokens) as base64(sha256(token)). */
  private async byLoginToken(userId: string, token: string): Promise<Credential> {
    const user = await this.users.findForLogin(userId);
    const stored = user && matchingToken(user, Buffer.from(sha256(token).toString('base64')));
    const lifetimeDays = () =>
      this.settings.getPositiveNumber(LOGIN_EXPIRATION, LOGIN_EXPIRATION_DEFAULT_DAYS);
    if (!stored || !isActive(user) || !(await unexpired(stored, lifetimeDays))) {
      throw RocketChatError.unauthorized();
    }
    return {
      key: `user:${sha256(`${userId}\n${token}`).toString('hex').slice(0, 32)}`,
      scopes: isManager(user) ? EVERY_SCOPE : NO_SCOPE,
      actor: { _id: user._id, username: typeof user.username === 'string' ? user.username : null },
    };
  }
}
