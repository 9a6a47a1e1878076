import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsIn,
  isISO8601,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsTimeZone,
  MaxLength,
  type ValidationArguments,
} from 'class-validator';

export const GROUP_BY = ['agent', 'department', 'day', 'hour', 'weekday', 'weekday-hour'] as const;
export type GroupBy = (typeof GROUP_BY)[number];

const ISO = { strict: true, strictSeparator: true };

/**
 * A `+` typed raw in a query string arrives as a space (`T00:00:00 01:00`): when putting it back
 * would make the date valid, the message says how to send it.
 */
const dateMessage =
  (name: 'from' | 'to') =>
  ({ value }: ValidationArguments): string => {
    const message = `${name} must be an ISO 8601 date or date-time`;
    const plusAsSpace =
      typeof value === 'string' &&
      value.includes(' ') &&
      isISO8601(value.replaceAll(' ', '+'), ISO);
    return plusAsSpace ? `${message}: write the + of its offset as %2B in a query string` : message;
  };

/** The period and filters every report route takes. */
export class ReportFiltersDto {
  @ApiProperty({
    description:
      'Start of the period, included (ISO 8601). With `Z` or an offset, that instant; a date ' +
      'alone or a local date-time is wall-clock time in `tz` (`2026-03-01` = midnight in tz).',
    example: '2026-03-01',
  })
  @IsISO8601(ISO, { message: dateMessage('from') })
  from!: string;

  @ApiProperty({
    description: 'End of the period, excluded (ISO 8601, as `from`).',
    example: '2026-04-01',
  })
  @IsISO8601(ISO, { message: dateMessage('to') })
  to!: string;

  @ApiPropertyOptional({
    description: 'IANA time zone of the day buckets and of local dates (default `UTC`).',
    example: 'Europe/Paris',
  })
  @IsOptional()
  @IsString({ message: 'tz must be an IANA time zone' })
  @IsTimeZone({ message: 'tz must be an IANA time zone' })
  tz?: string;

  @ApiPropertyOptional({ description: 'Only rooms of this department (`departmentId`).' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  departmentId?: string;

  @ApiPropertyOptional({ description: 'Only rooms served by this agent (`servedBy._id`).' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  agentId?: string;
}

export const COMPARE = ['previous'] as const;

export class ReportQueryDto extends ReportFiltersDto {
  @ApiPropertyOptional({
    enum: GROUP_BY,
    description:
      'Groups besides the summary. `day`: calendar days in tz; `hour`: the hour shown in tz, ' +
      'keys `0`…`23`; `weekday`: ISO weekday in tz, keys `1` (Monday)…`7` (Sunday); ' +
      '`weekday-hour`: keys `<weekday>-<hour>` (`1-13`: Mondays 13:00–13:59). These four list ' +
      'every key, empty ones included; agents and departments only those with data.',
  })
  @IsOptional()
  @IsIn(GROUP_BY, { message: `groupBy must be one of ${GROUP_BY.join(', ')}` })
  groupBy?: GroupBy;

  @ApiPropertyOptional({
    enum: COMPARE,
    description:
      'Adds the previous period of equal length (`previous`), and to the summary and each ' +
      'group its figures there (`previous`) and the change (`change`). A period of whole ' +
      'local days in tz (from and to both midnights) goes back as many local days, so a week ' +
      'stays a week across a DST change; any other goes back its exact length (to − from).',
  })
  @IsOptional()
  @IsIn(COMPARE, { message: 'compare must be previous' })
  compare?: (typeof COMPARE)[number];
}
