import { Module } from '@nestjs/common';
import { FollowupFiguresService } from './followup-figures.service';
import { FollowupRepository } from './followup.repository';

/**
 * The follow-ups' collection and figures alone, for the features that read them without the
 * routes: the report and the webhook dispatcher (FollowupsModule imports ReportsModule for its
 * guard, so dependencies stay one-way: reports, webhooks → follow-up store).
 */
@Module({
  providers: [FollowupRepository, FollowupFiguresService],
  exports: [FollowupRepository, FollowupFiguresService],
})
export class FollowupStoreModule {}
