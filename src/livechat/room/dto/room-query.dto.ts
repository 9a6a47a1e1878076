import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Match, type Pattern } from '../../../common/meteor-check';

/** Rocket.Chat's `check` pattern for the GET livechat/room query. */
export const ROOM_QUERY_PATTERN: Pattern = {
  token: String,
  rid: Match.Maybe(String),
  agentId: Match.Maybe(String),
};

export class RoomQueryDto {
  @ApiProperty({ description: 'The visitor token.' })
  token!: string;

  @ApiPropertyOptional({
    description: 'An open room of the visitor; without it, the open room or a new one.',
  })
  rid?: string;

  @ApiPropertyOptional({
    description: 'The agent to serve a new room, used when that user has the livechat-agent role.',
  })
  agentId?: string;
}
