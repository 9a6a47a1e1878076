import { Match, type Pattern } from '../../../common/meteor-check';

/** Rocket.Chat's `check` pattern for the GET livechat/room query. */
export const ROOM_QUERY_PATTERN: Pattern = {
  token: String,
  rid: Match.Maybe(String),
  agentId: Match.Maybe(String),
};

export class RoomQueryDto {
  /** The visitor token. */
  token!: string;
  /** An open room of the visitor; without it, the visitor's open room or a new one. */
  rid?: string;
  /** The agent to serve a new room, when that user is a livechat agent. */
  agentId?: string;
}
