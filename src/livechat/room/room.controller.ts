import { Body, Controller, Get, HttpCode, Post, Query, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { RocketChatRoutes } from '../../common/rocketchat-checks.middleware';
import { MeteorCheck, RocketChatParams } from '../../common/rocketchat-params.guard';
import { StrictRateLimit } from '../../rate-limit/rate-limit.decorators';
import { VisitorsMayCloseGuard } from '../settings/visitors-may-close.guard';
import { SurveyService } from '../survey/survey.service';
import type { VisitorRef } from '../visitor/visitor.repository';
import { CurrentVisitor, VisitorToken, VisitorTokenGuard } from '../visitor/visitor-token.guard';
import { ROOM_CLOSE_PARAMS_SCHEMA, RoomCloseDto } from './dto/room-close.dto';
import { ROOM_QUERY_PATTERN, RoomQueryDto } from './dto/room-query.dto';
import {
  ROOM_SURVEY_PARAMS_SCHEMA,
  RoomSurveyDto,
  type RoomSurveyResponseDto,
} from './dto/room-survey.dto';
import { ApiCloseRoom, ApiGetRoom, ApiRoomSurvey } from './room.openapi';
import { CLOSED_BY_VISITOR, RoomService } from './room.service';

// Each route's checks in Rocket.Chat's order: the rate limit, then the params (RocketChatChecks,
// ahead of Nest's router), then the guards in the order given.
@ApiTags('livechat rooms')
@Controller('api/v1/livechat')
@RocketChatRoutes()
export class RoomController {
  constructor(
    private readonly rooms: RoomService,
    private readonly surveys: SurveyService,
  ) {}

  /** The visitor's open room, or a new one. */
  @Get('room')
  @ApiGetRoom()
  @StrictRateLimit()
  @MeteorCheck(ROOM_QUERY_PATTERN, 'query')
  @VisitorToken({ from: 'query', style: 'plain' })
  @UseGuards(VisitorTokenGuard)
  async room(@Query() query: RoomQueryDto, @CurrentVisitor() visitor: VisitorRef) {
    return { ...(await this.rooms.getOrOpen(visitor, query.rid, query.agentId)), success: true };
  }

  @Post('room.close')
  @ApiCloseRoom()
  @HttpCode(200)
  @RocketChatParams(ROOM_CLOSE_PARAMS_SCHEMA)
  @VisitorToken({ from: 'body', style: 'plain' })
  @UseGuards(VisitorsMayCloseGuard, VisitorTokenGuard)
  async close(@Body() body: RoomCloseDto, @CurrentVisitor() visitor: VisitorRef) {
    await this.rooms.closeByVisitor(visitor, body.rid);
    return { rid: body.rid, comment: CLOSED_BY_VISITOR, success: true };
  }

  /** Rocket.Chat's order: params, then token, then room, then data. */
  @Post('room.survey')
  @ApiRoomSurvey()
  @HttpCode(200)
  @RocketChatParams(ROOM_SURVEY_PARAMS_SCHEMA)
  @VisitorToken({ from: 'body', style: 'bracketed' })
  @UseGuards(VisitorTokenGuard)
  async survey(@Body() body: RoomSurveyDto): Promise<RoomSurveyResponseDto> {
    const data = await this.surveys.submit(body.rid, body.token, body.data);
    return { rid: body.rid, data, success: true };
  }
}
