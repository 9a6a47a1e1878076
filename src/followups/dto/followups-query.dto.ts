import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageCount, PageOffset } from '../../common/pagination';
import { ReportFiltersDto } from '../../reports/dto/report-query.dto';
import { FOLLOWUP_STATUSES, type FollowupStatus } from '../followup.schema';

/** survey.followups: the report's period and filters, a status, a page. */
export class FollowupsQueryDto extends ReportFiltersDto {
  @ApiPropertyOptional({
    enum: FOLLOWUP_STATUSES,
    description: 'Only follow-ups in this status (all three when absent).',
  })
  @IsOptional()
  @IsIn(FOLLOWUP_STATUSES, { message: `status must be one of ${FOLLOWUP_STATUSES.join(', ')}` })
  status?: FollowupStatus;

  @PageOffset('Rows to skip; offset + count at most 1000.')
  offset?: number;

  @PageCount('Rows to return, newest answer first.')
  count?: number;
}
