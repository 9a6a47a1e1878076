import { OmitType } from '@nestjs/swagger';
import { ReportQueryDto } from './report-query.dto';

/** survey.dashboard: survey.report's filters and compare; the groups are fixed (the page's). */
export class DashboardQueryDto extends OmitType(ReportQueryDto, ['groupBy'] as const) {}
