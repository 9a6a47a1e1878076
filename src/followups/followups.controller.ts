import { Body, Controller, Get, HttpCode, Post, Query, UseGuards, UsePipes } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { invalidParamsPipe } from '../common/invalid-params.pipe';
import { ActingUser } from '../reports/acting-user.decorator';
import { ManagerAuthGuard } from '../reports/manager-auth.guard';
import type { Actor } from '../reports/manager-auth.service';
import { RequireScope } from '../reports/scopes';
import { UpdateFollowupDto } from './dto/followup.dto';
import { FollowupsQueryDto } from './dto/followups-query.dto';
import { FollowupQueueService } from './followup-queue.service';
import { ApiListFollowups, ApiUpdateFollowup } from './followups.openapi';
import { FollowupsService } from './followups.service';

/** The follow-up queue: the credentials first (guard), then the parameters (pipe). */
@ApiTags('survey follow-ups')
@Controller('api/v1/livechat')
@UseGuards(ManagerAuthGuard)
@UsePipes(invalidParamsPipe())
export class FollowupsController {
  constructor(
    private readonly followups: FollowupsService,
    private readonly queue: FollowupQueueService,
  ) {}

  @Post('survey.followup')
  @HttpCode(200)
  @RequireScope('followups:write')
  @ApiUpdateFollowup()
  async update(@Body() body: UpdateFollowupDto, @ActingUser() actor: Actor) {
    return { followup: await this.followups.update(body, actor), success: true as const };
  }

  @Get('survey.followups')
  @ApiListFollowups()
  list(@Query() query: FollowupsQueryDto) {
    return this.queue.list(query);
  }
}
