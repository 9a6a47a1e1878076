import { applyDecorators } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import {
  ApiRocketChatBadRequest,
  ApiServiceUnavailable,
  INVALID_PARAMS,
} from '../../openapi/rocketchat-responses';
import { ConfigResponseDto } from './dto/livechat-config.dto';

/** OpenAPI of GET livechat/config. */
export const ApiGetConfig = () =>
  applyDecorators(
    ApiOperation({
      summary: "The widget's configuration, with the survey form",
      description:
        'Items and allowed values of the survey come from SURVEY_ITEMS and SURVEY_VALUES. With ' +
        'a known token, also the visitor (`guest`) and their open `room`, as Rocket.Chat does.',
    }),
    ApiOkResponse({ type: ConfigResponseDto }),
    ApiRocketChatBadRequest({
      description: 'Unknown query keys (Rocket.Chat validates the query with its JSON Schema).',
      shapes: [INVALID_PARAMS],
      examples: {
        'invalid-params': {
          success: false,
          error: 'must NOT have additional properties [invalid-params]',
          errorType: 'invalid-params',
        },
      },
    }),
    ApiServiceUnavailable(),
  );
