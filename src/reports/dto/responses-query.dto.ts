import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { PageCount, PageOffset } from '../../common/pagination';
import { ReportFiltersDto } from './report-query.dto';

/** Longest comment search: a search box's text, and a bound on each row's substring test. */
export const MAX_QUERY_LENGTH = 200;

const HOUR = 'hour must be an integer from 0 to 23';
const WEEKDAY = 'weekday must be an integer from 1 (Monday) to 7 (Sunday)';
const DAY = 'day must be a date (YYYY-MM-DD) within the period';
const Q = `q must be 1 to ${MAX_QUERY_LENGTH} characters`;

/** The filters of the answers themselves (list and CSV export): what a figure of the report opens. */
export class ResponsesFiltersDto extends ReportFiltersDto {
  @ApiPropertyOptional({
    description: 'Only answers with this `satisfaction` value.',
    example: '5',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  satisfaction?: string;

  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description: 'Only answers with (true) or without (false) a non-blank comment.',
  })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'hasComment must be true or false' })
  hasComment?: 'true' | 'false';

  @ApiPropertyOptional({
    description:
      'Only answers of this local day in `tz` (a `groupBy=day` bar). It narrows the period, ' +
      'which stays required: the day must overlap [from, to), and the rows are those of both.',
    example: '2026-03-14',
  })
  @IsOptional()
  @IsString({ message: DAY })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: DAY })
  day?: string;

  @ApiPropertyOptional({
    description:
      'Only answers given in this local hour in `tz` (0–23), by the instant that places an ' +
      'answer in its day (surveyFeedbackAt, else closedAt, else ts).',
    example: '13',
  })
  @IsOptional()
  @IsString({ message: HOUR })
  @Matches(/^(?:1?\d|2[0-3])$/, { message: HOUR })
  hour?: string;

  @ApiPropertyOptional({
    description: 'Only answers given on this ISO weekday in `tz`: 1 Monday … 7 Sunday.',
    example: '1',
  })
  @IsOptional()
  @IsString({ message: WEEKDAY })
  @Matches(/^[1-7]$/, { message: WEEKDAY })
  weekday?: string;

  @ApiPropertyOptional({
    description: 'With `value`: only answers whose item `item` is `value` (a distribution bar).',
    example: 'agentKnowledge',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  item?: string;

  @ApiPropertyOptional({ description: 'The value of `item` (both or neither).', example: '2' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  value?: string;

  @ApiPropertyOptional({
    description:
      'Only answers whose comment contains this text, case-insensitively (plain text: never ' +
      `a pattern). 1 to ${MAX_QUERY_LENGTH} characters.`,
    example: 'refund',
  })
  @IsOptional()
  @IsString({ message: Q })
  @Length(1, MAX_QUERY_LENGTH, { message: Q })
  q?: string;
}

export const SORT_FIELDS = ['submittedAt', 'closedAt', 'ts', 'satisfaction'] as const;

/** Rocket.Chat's list convention: offset, count, sort (JSON such as `{"submittedAt":-1}`). */
export class ResponsesQueryDto extends ResponsesFiltersDto {
  @PageOffset('Rows to skip; offset + count at most 1000 (survey.export.csv gives every row).')
  offset?: number;

  @PageCount('Rows to return.')
  count?: number;

  @ApiPropertyOptional({
    description:
      'JSON object of one field (`submittedAt`, `closedAt`, `ts`, `satisfaction`) and 1 or -1. ' +
      'Default `{"submittedAt":-1}` (newest first); ties by room id. `{"satisfaction":1}`: lowest ' +
      'score first (by the position in the configured scale), answers without one last either ' +
      'way, ties newest first, then by room id.',
    example: '{"satisfaction":1}',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  sort?: string;
}
