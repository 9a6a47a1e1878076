import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { RocketChatParams, RocketChatParamsGuard } from '../../common/rocketchat-params.guard';
import { SurveyService } from '../survey/survey.service';
import { VisitorToken, VisitorTokenGuard } from '../visitor/visitor-token.guard';
import {
  ROOM_SURVEY_PARAMS_SCHEMA,
  RoomSurveyDto,
  type RoomSurveyResponseDto,
} from './dto/room-survey.dto';

@Controller('api/v1/livechat')
export class RoomController {
  constructor(private readonly surveys: SurveyService) {}

  /** Rocket.Chat's order: params, then token, then room, then data. */
  @Post('room.survey')
  @HttpCode(200)
  @RocketChatParams(ROOM_SURVEY_PARAMS_SCHEMA)
  @VisitorToken({ from: 'body', style: 'bracketed' })
  @UseGuards(RocketChatParamsGuard, VisitorTokenGuard)
  async survey(@Body() body: RoomSurveyDto): Promise<RoomSurveyResponseDto> {
    const data = await this.surveys.submit(body.rid, body.token, body.data);
    return { rid: body.rid, data, success: true };
  }
}
