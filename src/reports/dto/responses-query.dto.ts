import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageCount, PageOffset } from '../../common/pagination';
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

export const SORT_FIELDS = ['submittedAt', 'closedAt', 'ts'] as const;

/** Rocket.Chat's list convention: offset, count, sort (JSON such as `{"submittedAt":-1}`). */
export class ResponsesQueryDto extends ResponsesFiltersDto {
  @PageOffset('Rows to skip; offset + count at most 1000 (survey.export.csv gives every row).')
  offset?: number;

  @PageCount('Rows to return.')
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
