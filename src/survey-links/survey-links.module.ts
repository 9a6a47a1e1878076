import {
  Inject,
  Module,
  type MiddlewareConsumer,
  type NestModule,
  RequestMethod,
} from '@nestjs/common';
import { makeCounterProvider } from '@willsoto/nestjs-prometheus';
import { urlencoded, type NextFunction, type Request, type Response } from 'express';
import { Clock } from '../common/clock';
import { appConfig, type AppConfig } from '../config/app.config';
import { LivechatModule } from '../livechat/livechat.module';
import { ReportsModule } from '../reports/reports.module';
import { SurveyPageController } from './page/survey-page.controller';
import { SurveyPageService } from './page/survey-page.service';
import { SurveyLinkController } from './survey-link.controller';
import { SurveyLinkStoreModule } from './survey-link-store.module';
import { SURVEY_LINKS_TOTAL, SurveyLinksService } from './survey-links.service';

/**
 * Survey links: POST survey.link makes a room's link (for managers and API keys), the hosted
 * page at /survey/<id> shows the survey and stores its answers through room.survey's write.
 */
@Module({
  imports: [LivechatModule, ReportsModule, SurveyLinkStoreModule],
  controllers: [SurveyLinkController, SurveyPageController],
  providers: [
    Clock,
    SurveyLinksService,
    SurveyPageService,
    makeCounterProvider({
      name: SURVEY_LINKS_TOTAL,
      help: 'Survey links by stage: created, opened (first view), answered.',
      labelNames: ['stage'],
    }),
  ],
  exports: [SurveyLinksService],
})
export class SurveyLinksModule implements NestModule {
  constructor(@Inject(appConfig.KEY) private readonly config: AppConfig) {}

  /**
   * The page's form body (application/x-www-form-urlencoded; a repeated field becomes a list,
   * which the form refuses). Anything unreadable or over BODY_LIMIT is an empty form, judged as such.
   */
  configure(consumer: MiddlewareConsumer): void {
    const read = urlencoded({
      extended: false,
      limit: this.config.limits.body,
      parameterLimit: 100,
    });
    consumer
      .apply((req: Request, res: Response, next: NextFunction) =>
        read(req, res, (error?: unknown) => {
          if (error || typeof req.body !== 'object' || req.body === null) req.body = {};
          next();
        }),
      )
      .forRoutes({ path: 'survey/*path', method: RequestMethod.POST });
  }
}
