import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ReportFiltersDto } from './report-query.dto';

/** The filters of the answers themselves (list and CSV export). */
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
}

export const MAX_COUNT = 100;
export const SORT_FIELDS = ['submittedAt', 'closedAt', 'ts'] as const;

/** Rocket.Chat's list convention: offset, count, sort (JSON such as `{"submittedAt":-1}`). */
export class ResponsesQueryDto extends ResponsesFiltersDto {
  @ApiPropertyOptional({ description: 'Rows to skip.', default: 0, minimum: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'offset must be an integer of 0 or more' })
  @Min(0, { message: 'offset must be an integer of 0 or more' })
  offset?: number;

  @ApiPropertyOptional({
    description: 'Rows to return.',
    default: 50,
    minimum: 1,
    maximum: MAX_COUNT,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: `count must be an integer from 1 to ${MAX_COUNT}` })
  @Min(1, { message: `count must be an integer from 1 to ${MAX_COUNT}` })
  @Max(MAX_COUNT, { message: `count must be an integer from 1 to ${MAX_COUNT}` })
  count?: number;

  @ApiPropertyOptional({
    description:
      'JSON object of one field (`submittedAt`, `closedAt`, `ts`) and 1 or -1. Default ' +
      '`{"submittedAt":-1}` (newest first); ties by room id.',
    example: '{"submittedAt":-1}',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  sort?: string;
}
