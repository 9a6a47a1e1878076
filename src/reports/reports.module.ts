import { Module } from '@nestjs/common';
import { FollowupStoreModule } from '../followups/followup-store.module';
import { LivechatModule } from '../livechat/livechat.module';
import { SurveyLinkStoreModule } from '../survey-links/survey-link-store.module';
import { DashboardController } from './dashboard/dashboard.controller';
import { DashboardService } from './dashboard/dashboard.service';
import { ManagerAuthGuard } from './manager-auth.guard';
import { ManagerAuthService } from './manager-auth.service';
import { ReportPeriodService } from './report-period.service';
import { ReportSlots } from './report-slots';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';
import { SurveyResponsesService } from './survey-responses.service';

/**
 * Survey reports for managers: survey.report, survey.responses, survey.export.csv and
 * survey.dashboard (the page's figures in one pass), bounded by ReportSlots. Reads rooms,
 * users and departments through the livechat feature's repositories.
 */
@Module({
  imports: [LivechatModule, SurveyLinkStoreModule, FollowupStoreModule],
  controllers: [ReportsController, DashboardController],
  providers: [
    ManagerAuthService,
    ManagerAuthGuard,
    ReportPeriodService,
    ReportsService,
    SurveyResponsesService,
    DashboardService,
    ReportSlots,
  ],
  // The webhook and follow-up routes are for the same managers, over the same periods.
  exports: [ManagerAuthService, ManagerAuthGuard, ReportPeriodService, ReportSlots],
})
export class ReportsModule {}
