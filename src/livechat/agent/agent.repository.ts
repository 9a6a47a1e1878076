import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { AGENT_ROLE } from '../settings/livechat-settings';
import { Agent } from './agent.schema';

export type AgentRef = { _id: string; username: string };
export type UserNames = { username: string | null; name: string | null };

/**
 * A user as REST authentication needs it: whether active, roles, and the stored login tokens.
 * As stored, unchecked: a document not in Rocket.Chat's shape must still be refused, not crash.
 */
export interface LoginUser {
  _id: string;
  username?: unknown;
  active?: unknown;
  roles?: unknown;
  services?: unknown;
}

/** Every query of Rocket.Chat's users collection (read only): agents, and report managers. */
@Injectable()
export class AgentRepository {
  constructor(@InjectModel(Agent.name) private readonly users: Model<Agent>) {}

  /** A user with Rocket.Chat's `livechat-agent` role. */
  findAgent(agentId: string): Promise<AgentRef | null> {
    return this.users
      .findOne({ _id: agentId, roles: AGENT_ROLE }, { _id: 1, username: 1 })
      .lean<AgentRef>()
      .exec();
  }

  /** A user's display name (Rocket.Chat's `name`), else username; null when unknown. */
  async findName(userId: string): Promise<string | null> {
    const user = await this.users
      .findOne({ _id: userId }, { _id: 1, username: 1, name: 1 })
      .lean<{ username?: string; name?: string }>()
      .exec();
    return user?.name ?? user?.username ?? null;
  }

  /** The username and display name of the users among `ids` that exist (by the _id index). */
  async namesOf(ids: readonly string[]): Promise<Map<string, UserNames>> {
    if (ids.length === 0) return new Map();
    const found = await this.users
      .find({ _id: { $in: ids } }, { _id: 1, username: 1, name: 1 })
      .lean<Array<{ _id: string; username?: unknown; name?: unknown }>>()
      .exec();
    const text = (value: unknown) => (typeof value === 'string' ? value : null);
    return new Map(
      found.map((user) => [user._id, { username: text(user.username), name: text(user.name) }]),
    );
  }

  /**
   * A user by id with their login tokens (sessions and personal access tokens alike), for
   * Rocket.Chat's REST authentication. By `_id` alone, so the token is compared in the process
   * in constant time, and the query is the `_id` index's on every database.
   */
  findForLogin(userId: string): Promise<LoginUser | null> {
    return this.users
      .findOne(
        { _id: userId },
        {
          _id: 1,
          username: 1,
          active: 1,
          roles: 1,
          'services.resume.loginTokens.hashedToken': 1,
          'services.resume.loginTokens.when': 1,
          'services.resume.loginTokens.type': 1,
        },
      )
      .lean<LoginUser>()
      .exec();
  }
}
