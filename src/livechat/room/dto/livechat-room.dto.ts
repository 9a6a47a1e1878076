import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class RoomVisitorDto {
  @ApiProperty() _id!: string;
  @ApiPropertyOptional() username?: string;
  @ApiPropertyOptional() token?: string;
  @ApiPropertyOptional() status?: string;
}

export class ServedByDto {
  @ApiProperty() _id!: string;
  @ApiProperty() username!: string;
  @ApiPropertyOptional({ format: 'date-time' }) ts?: string;
}

/**
 * A livechat room as stored in Rocket.Chat's `rocketchat_room` (`t: 'l'`): the fields this
 * service knows, and whatever else Rocket.Chat keeps there.
 */
export class LivechatRoomDto {
  @ApiProperty({ description: 'Room id (17 characters for rooms created here).' })
  _id!: string;

  @ApiProperty({ enum: ['l'], description: "Room type: 'l' is livechat." })
  t!: 'l';

  @ApiPropertyOptional({ description: "The visitor's display name." })
  fname?: string;

  @ApiPropertyOptional({ type: RoomVisitorDto })
  v?: RoomVisitorDto;

  @ApiPropertyOptional({ description: 'Present (true) while the chat is open.' })
  open?: boolean;

  @ApiPropertyOptional({ format: 'date-time' })
  ts?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  closedAt?: string;

  @ApiPropertyOptional({ type: ServedByDto })
  servedBy?: ServedByDto;

  @ApiPropertyOptional()
  departmentId?: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: 'The survey answers, `{name: value}`.',
  })
  surveyFeedback?: Record<string, string>;

  @ApiPropertyOptional({ format: 'date-time' })
  _updatedAt?: string;
}

export class RoomResponseDto {
  @ApiProperty({ type: LivechatRoomDto })
  room!: LivechatRoomDto;

  @ApiProperty({ description: 'true when this call opened the room.' })
  newRoom!: boolean;

  @ApiProperty({ type: Boolean, enum: [true] })
  success!: true;
}
