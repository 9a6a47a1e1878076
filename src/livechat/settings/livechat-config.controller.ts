import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { RocketChatRoutes } from '../../common/rocketchat-checks.middleware';
import { RocketChatParams } from '../../common/rocketchat-params.guard';
import { CONFIG_QUERY_SCHEMA, ConfigQueryDto } from './dto/livechat-config.dto';
import { ApiGetConfig } from './livechat-config.openapi';
import { LivechatConfigService } from './livechat-config.service';

@ApiTags('livechat widget')
@Controller('api/v1/livechat')
@RocketChatRoutes()
export class LivechatConfigController {
  constructor(private readonly config: LivechatConfigService) {}

  @Get('config')
  @ApiGetConfig()
  @RocketChatParams(CONFIG_QUERY_SCHEMA, 'query')
  async get(@Query() query: ConfigQueryDto) {
    return { config: await this.config.widgetConfig(query.token), success: true };
  }
}
