import { Controller, Get, Query, UseGuards, UsePipes } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { invalidParamsPipe } from '../../common/invalid-params.pipe';
import { DashboardQueryDto } from '../dto/dashboard-query.dto';
import { ManagerAuthGuard } from '../manager-auth.guard';
import { ApiSurveyDashboard } from './dashboard.openapi';
import { DashboardService } from './dashboard.service';

/** The reports page's figures in one call: the credentials first (guard), then the parameters. */
@ApiTags('survey reports')
@Controller('api/v1/livechat')
@UseGuards(ManagerAuthGuard)
@UsePipes(invalidParamsPipe())
export class DashboardController {
  constructor(private readonly dashboards: DashboardService) {}

  @Get('survey.dashboard')
  @ApiSurveyDashboard()
  dashboard(@Query() query: DashboardQueryDto) {
    return this.dashboards.dashboard(query);
  }
}
