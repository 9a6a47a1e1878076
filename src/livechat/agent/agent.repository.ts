import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { Agent } from './agent.schema';

export type AgentRef = { _id: string; username: string };

/** Every query of Rocket.Chat's users collection (read only). */
@Injectable()
export class AgentRepository {
  constructor(@InjectModel(Agent.name) private readonly users: Model<Agent>) {}

  /** A user with Rocket.Chat's `livechat-agent` role. */
  findAgent(agentId: string): Promise<AgentRef | null> {
    return this.users
      .findOne({ _id: agentId, roles: 'livechat-agent' }, { _id: 1, username: 1 })
      .lean<AgentRef>()
      .exec();
  }
}
