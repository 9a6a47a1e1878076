import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  LinkFunnelDto,
  PeriodDto,
  PreviousPeriodDto,
  ReportGroupDto,
  ResponseRowDto,
  SummaryFiguresDto,
} from './report-response.dto';

export class LatestCommentsDto {
  @ApiProperty({ type: [ResponseRowDto], description: 'Newest first.' })
  responses!: ResponseRowDto[];
  @ApiProperty({ description: 'Rows returned (at most 10).' }) count!: number;
  @ApiProperty({ enum: [0] }) offset!: number;
  @ApiProperty({ description: 'Commented answers matching the filters.' }) total!: number;
}

export class DashboardResponseDto {
  @ApiProperty({ type: PeriodDto }) period!: PeriodDto;
  @ApiPropertyOptional({
    type: PreviousPeriodDto,
    description: 'compare=previous only: the previous period, [from, to).',
  })
  previous?: PreviousPeriodDto;
  @ApiProperty({
    type: SummaryFiguresDto,
    description: "survey.report's summary under every filter; `items` are the distributions.",
  })
  summary!: SummaryFiguresDto;
  @ApiProperty({ type: LinkFunnelDto, description: "survey.report's links, every filter." })
  links!: LinkFunnelDto;
  @ApiProperty({ type: [ReportGroupDto], description: 'survey.report?groupBy=day groups.' })
  byDay!: ReportGroupDto[];
  @ApiProperty({
    type: [ReportGroupDto],
    description: 'survey.report?groupBy=weekday-hour groups.',
  })
  byWeekdayHour!: ReportGroupDto[];
  @ApiProperty({
    type: [ReportGroupDto],
    description: 'survey.report?groupBy=agent groups, without the agent filter.',
  })
  byAgent!: ReportGroupDto[];
  @ApiProperty({
    type: [ReportGroupDto],
    description: 'survey.report?groupBy=department groups, without the department filter.',
  })
  byDepartment!: ReportGroupDto[];
  @ApiProperty({
    type: LatestCommentsDto,
    description: "survey.responses?hasComment=true&count=10's page (without success).",
  })
  comments!: LatestCommentsDto;
  @ApiProperty({ type: Boolean, enum: [true] }) success!: true;
}
