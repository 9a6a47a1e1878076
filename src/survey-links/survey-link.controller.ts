import { Body, Controller, HttpCode, Post, UseGuards, UsePipes } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { invalidParamsPipe } from '../common/invalid-params.pipe';
import { ManagerAuthGuard } from '../reports/manager-auth.guard';
import { RequireScope } from '../reports/scopes';
import { CreateSurveyLinkDto } from './dto/survey-link.dto';
import { ApiCreateSurveyLink } from './survey-link.openapi';
import { SurveyLinksService } from './survey-links.service';

/** Survey links for integrations: the credentials first (guard), then the body (pipe). */
@ApiTags('survey links')
@Controller('api/v1/livechat')
@UseGuards(ManagerAuthGuard)
@RequireScope('survey-links:create')
@UsePipes(invalidParamsPipe())
export class SurveyLinkController {
  constructor(private readonly links: SurveyLinksService) {}

  @Post('survey.link')
  @HttpCode(200)
  @ApiCreateSurveyLink()
  async create(@Body() body: CreateSurveyLinkDto) {
    return { ...(await this.links.create(body.rid)), success: true as const };
  }
}
