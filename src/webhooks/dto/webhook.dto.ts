import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { PageCount, PageOffset } from '../../common/pagination';
import {
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsNumber,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { EVENT_TYPES, type DeliveryStatus, type EventType } from '../webhook.schema';

export const MAX_URL_LENGTH = 2048;
export const MAX_DESCRIPTION_LENGTH = 500;
export const MAX_OVERLAP_HOURS = 168;
const DESCRIPTION_MESSAGE = `description must be a text of at most ${MAX_DESCRIPTION_LENGTH} characters`;
const OVERLAP_MESSAGE = `overlapHours must be a number from 0 to ${MAX_OVERLAP_HOURS}`;
const STATUSES: DeliveryStatus[] = ['pending', 'delivered', 'failed'];

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

  @ApiPropertyOptional({
    description: 'What the hook is for, for the people who read the list.',
    example: 'CRM: call back unhappy customers',
    maxLength: MAX_DESCRIPTION_LENGTH,
  })
  @IsOptional()
  @MaxLength(MAX_DESCRIPTION_LENGTH, { message: DESCRIPTION_MESSAGE })
  @IsString({ message: DESCRIPTION_MESSAGE })
  description?: string;
}

/** Any of the registration's fields, and `active`; the id, secret and deliveries stay. */
export class UpdateWebhookDto extends PartialType(CreateWebhookDto) {
  @ApiPropertyOptional({
    description:
      'false pauses the hook: its deliveries (and those of new events) wait, pending, and are ' +
      'sent when it is set true again.',
    example: false,
  })
  @IsOptional()
  @IsBoolean({ message: 'active must be true or false' })
  active?: boolean;
}

export class RotateSecretDto {
  @ApiPropertyOptional({
    description: `How long the replaced secret still signs deliveries, beside the new one (default 24; 0 ends it at once).`,
    minimum: 0,
    maximum: MAX_OVERLAP_HOURS,
    example: 24,
  })
  @IsOptional()
  @Max(MAX_OVERLAP_HOURS, { message: OVERLAP_MESSAGE })
  @Min(0, { message: OVERLAP_MESSAGE })
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: OVERLAP_MESSAGE })
  overlapHours?: number;
}

export class BulkRetryDto {
  @ApiProperty({ description: 'Which deliveries: only `failed` ones can be.', enum: ['failed'] })
  @IsIn(['failed'], { message: 'status must be failed' })
  status!: 'failed';
}

export class DeliveriesQueryDto {
  @PageOffset('Deliveries to skip.')
  offset?: number;

  @PageCount('Deliveries to return, newest first.')
  count?: number;

  @ApiPropertyOptional({ description: 'Only the deliveries with this status.', enum: STATUSES })
  @IsOptional()
  @IsIn(STATUSES, { message: `status must be one of ${STATUSES.join(', ')}` })
  status?: DeliveryStatus;
}
