import { Module } from '@nestjs/common';
import { SurveyLinkRepository } from './survey-link.repository';

/**
 * The survey links' collections alone, for the features that read them without the routes:
 * the reports' link funnel (ReportsModule is imported by SurveyLinksModule for its guard, so
 * dependencies stay one-way: reports → link store; survey links → reports and link store).
 */
@Module({ providers: [SurveyLinkRepository], exports: [SurveyLinkRepository] })
export class SurveyLinkStoreModule {}
