import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { RocketChatParams, RocketChatParamsGuard } from '../../common/rocketchat-params.guard';
import { LivechatConfigService } from './livechat-config.service';

/** Rocket.Chat's schema for the GET livechat/config query (isGETLivechatConfigParams). */
export const CONFIG_QUERY_SCHEMA = {
  type: 'object',
  properties: {
    token: { type: 'string', nullable: true },
    department: { type: 'string', nullable: true },
    businessUnit: { type: 'string', nullable: true },
  },
  additionalProperties: false,
} as const;

export class ConfigQueryDto {
  /** A visitor token: adds the visitor (`guest`) and their open `room`. */
  token?: string;
  department?: string;
  businessUnit?: string;
}

@Controller('api/v1/livechat')
export class LivechatConfigController {
  constructor(private readonly config: LivechatConfigService) {}

  @Get('config')
  @RocketChatParams(CONFIG_QUERY_SCHEMA, 'query')
  @UseGuards(RocketChatParamsGuard)
  async get(@Query() query: ConfigQueryDto) {
    return { config: await this.config.widgetConfig(query.token), success: true };
  }
}
