import { ApiProperty } from '@nestjs/swagger';
import { EXAMPLE_RID, EXAMPLE_TOKEN } from './room-survey.dto';

/**
 * Rocket.Chat's JSON Schema for the room.close body (isPOSTLivechatRoomCloseParams): both
 * strings, required in this order, nothing else.
 */
export const ROOM_CLOSE_PARAMS_SCHEMA = {
  type: 'object',
  properties: { token: { type: 'string' }, rid: { type: 'string' } },
  required: ['token', 'rid'],
  additionalProperties: false,
} as const;

export class RoomCloseDto {
  @ApiProperty({ description: 'The visitor token.', example: EXAMPLE_TOKEN })
  token!: string;

  @ApiProperty({ description: 'An open livechat room of this visitor.', example: EXAMPLE_RID })
  rid!: string;
}

export class RoomCloseResponseDto {
  @ApiProperty({ example: EXAMPLE_RID })
  rid!: string;

  @ApiProperty({ type: String, enum: ['Closed by visitor'] })
  comment!: 'Closed by visitor';

  @ApiProperty({ type: Boolean, enum: [true] })
  success!: true;
}
