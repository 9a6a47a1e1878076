import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LivechatRoomDto } from '../../room/dto/livechat-room.dto';
import { LivechatVisitorDto } from '../../visitor/dto/livechat-visitor.dto';

/** Rocket.Chat's schema for the GET livechat/config query (isGETLivechatConfigParams). */
export const CONFIG_QUERY_SCHEMA = {
  type: 'object',
  properties: {
    token: { type: 'string', nullable: true },
    department: { type: 'string', nullable: true },
    businessUnit: { type: 'string', nullable: true },
  },
  additionalProperties: false,
} as const;

export class ConfigQueryDto {
  @ApiPropertyOptional({ description: 'A visitor token: adds `guest` and their open `room`.' })
  token?: string;

  @ApiPropertyOptional()
  department?: string;

  @ApiPropertyOptional()
  businessUnit?: string;
}

export class SurveyConfigDto {
  @ApiProperty({
    type: [String],
    example: ['satisfaction', 'agentKnowledge', 'agentResposiveness', 'agentFriendliness'],
  })
  items!: string[];

  @ApiProperty({ type: [String], example: ['1', '2', '3', '4', '5'] })
  values!: string[];
}

export class WidgetConfigDto {
  @ApiProperty({
    description: "false when Rocket.Chat's Livechat_enabled setting is off (then nothing else).",
  })
  enabled!: boolean;

  @ApiPropertyOptional({ type: SurveyConfigDto, description: 'The survey form.' })
  survey?: SurveyConfigDto;

  @ApiPropertyOptional()
  online?: boolean;

  @ApiPropertyOptional({ type: LivechatVisitorDto, description: 'The visitor of `token`.' })
  guest?: LivechatVisitorDto;

  @ApiPropertyOptional({ type: LivechatRoomDto, description: "That visitor's open room, if any." })
  room?: LivechatRoomDto;
}

export class ConfigResponseDto {
  @ApiProperty({ type: WidgetConfigDto })
  config!: WidgetConfigDto;

  @ApiProperty({ type: Boolean, enum: [true] })
  success!: true;
}
