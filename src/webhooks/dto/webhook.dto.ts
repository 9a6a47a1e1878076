import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageCount, PageOffset } from '../../common/pagination';
import {
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
} from 'class-validator';
import { EVENT_TYPES, type EventType } from '../webhook.schema';

export const MAX_URL_LENGTH = 2048;

export class CreateWebhookDto {
  @ApiProperty({
    description:
      'Where deliveries are POSTed: http or https; refused when it resolves to a loopback or ' +
      'private address (unless WEBHOOKS_ALLOW_PRIVATE=true), or to a link-local, metadata, ' +
      '0.0.0.0/8, multicast or broadcast address (always).',
    example: 'https://crm.example.com/hooks/survey',
    maxLength: MAX_URL_LENGTH,
  })
  @MaxLength(MAX_URL_LENGTH, { message: `url must be at most ${MAX_URL_LENGTH} characters` })
  @IsString({ message: 'url must be an http(s) URL' })
  url!: string;

  @ApiPropertyOptional({
    description:
      'The events sent to it (default `["survey.submitted"]`). `room.closed`: every livechat ' +
      'room closed from its registration on, by room.close or by Rocket.Chat; `data` is ' +
      '`{rid, closedAt, agent: {_id, username, name}|null, department: {_id, name}|null, ' +
      'surveyUrl}` (`surveyUrl` null when the room has answers or PUBLIC_URL is unset).',
    enum: EVENT_TYPES,
    isArray: true,
    example: ['survey.submitted', 'survey.low_score'],
  })
  @IsOptional()
  @IsArray({ message: `events must be a list of ${EVENT_TYPES.join(', ')}` })
  @ArrayNotEmpty({ message: `events must be a list of ${EVENT_TYPES.join(', ')}` })
  @ArrayUnique({ message: 'events must not repeat an event' })
  @IsIn(EVENT_TYPES, { each: true, message: `events must be a list of ${EVENT_TYPES.join(', ')}` })
  events?: EventType[];

  @ApiPropertyOptional({
    description:
      '`survey.low_score` fires when `satisfaction` is at or under it (default `"2"`); one of SURVEY_VALUES.',
    example: '2',
  })
  @IsOptional()
  @IsString({ message: 'lowScoreThreshold must be one of the survey values' })
  lowScoreThreshold?: string;
}

export class DeliveriesQueryDto {
  @PageOffset('Deliveries to skip.')
  offset?: number;

  @PageCount('Deliveries to return, newest first.')
  count?: number;
}
