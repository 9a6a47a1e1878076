import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { RocketChatParams, RocketChatParamsGuard } from '../../common/rocketchat-params.guard';
import { LivechatThrottlerGuard } from '../../rate-limit/livechat-throttler.guard';
import { CONFIG_QUERY_SCHEMA, ConfigQueryDto } from './dto/livechat-config.dto';
import { ApiGetConfig } from './livechat-config.openapi';
import { LivechatConfigService } from './livechat-config.service';

@ApiTags('livechat widget')
@Controller('api/v1/livechat')
@UseGuards(LivechatThrottlerGuard)
export class LivechatConfigController {
  constructor(private readonly config: LivechatConfigService) {}

  @Get('config')
  @ApiGetConfig()
  @RocketChatParams(CONFIG_QUERY_SCHEMA, 'query')
  @UseGuards(RocketChatParamsGuard)
  async get(@Query() query: ConfigQueryDto) {
    return { config: await this.config.widgetConfig(query.token), success: true };
  }
}
