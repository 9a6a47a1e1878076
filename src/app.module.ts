import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { appConfig } from './config/app.config';
import { DatabaseModule } from './database/database.module';
import { FollowupsModule } from './followups/followups.module';
import { HealthModule } from './health/health.module';
import { LivechatModule } from './livechat/livechat.module';
import { LoggingModule } from './logging/logging.module';
import { MetricsModule } from './metrics/metrics.module';
import { RateLimitModule } from './rate-limit/rate-limit.module';
import { ReportsModule } from './reports/reports.module';
import { RoomClosedModule } from './room-closed/room-closed.module';
import { SurveyLinksModule } from './survey-links/survey-links.module';
import { WebhooksModule } from './webhooks/webhooks.module';

@Module({
  imports: [
    // `.env` is read by appConfig (config/env-file.ts), as the scripts read it: not here too.
    ConfigModule.forRoot({ isGlobal: true, cache: true, load: [appConfig], ignoreEnvFile: true }),
    LoggingModule,
    MetricsModule,
    DatabaseModule,
    RateLimitModule,
    LivechatModule,
    ReportsModule,
    WebhooksModule,
    SurveyLinksModule,
    RoomClosedModule,
    FollowupsModule,
    // Its routes after the API's: Express walks routes in the order they were registered.
    HealthModule,
  ],
})
export class AppModule {}
