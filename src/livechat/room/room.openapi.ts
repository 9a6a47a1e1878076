import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import {
  ApiRocketChatBadRequest,
  ApiServiceUnavailable,
  bracketedError,
  INVALID_PARAMS,
  MATCH_ERROR,
  plainError,
} from '../../openapi/rocketchat-responses';
import { RoomResponseDto } from './dto/livechat-room.dto';
import { RoomCloseDto, RoomCloseResponseDto } from './dto/room-close.dto';
import {
  EXAMPLE_RID,
  EXAMPLE_TOKEN,
  RoomSurveyDto,
  RoomSurveyResponseDto,
} from './dto/room-survey.dto';

const plain = (error: string) => ({ success: false, error });
const bracketed = (type: string, message?: string) => ({
  success: false,
  error: message ? `${message} [${type}]` : `[${type}]`,
  errorType: type,
});

/** OpenAPI of GET livechat/room. */
export const ApiGetRoom = () =>
  applyDecorators(
    ApiOperation({
      summary: "The visitor's open livechat room, or a new one",
      description:
        "Without `rid`: the visitor's open room (`newRoom: false`), else a new livechat room " +
        '(`newRoom: true`). With `rid`: that open room of the visitor. The query is checked ' +
        "with Meteor's `check` (Match errors), then the token, then the room.",
    }),
    ApiOkResponse({ type: RoomResponseDto, description: 'The room.' }),
    ApiRocketChatBadRequest({
      description:
        'Match error on the query, then plain `invalid-token`, then plain `invalid-room`.',
      shapes: [MATCH_ERROR, plainError(['invalid-token', 'invalid-room'])],
      examples: {
        'missing-token': plain("Match error: Missing key 'token'"),
        'unknown-key': plain('Match error: Unknown key in field foo'),
        'invalid-token': plain('invalid-token'),
        'invalid-room': plain('invalid-room'),
      },
    }),
    ApiServiceUnavailable(),
  );

/** OpenAPI of POST livechat/room.close. */
export const ApiCloseRoom = () =>
  applyDecorators(
    ApiOperation({
      summary: 'The visitor closes their open livechat room',
      description:
        "Checks, in order: params (Rocket.Chat's JSON Schema: `token`, `rid`, both strings, " +
        'nothing else), whether visitors may close (Rocket.Chat setting ' +
        '`Omnichannel_allow_visitors_to_close_conversation`, default on), the token, the room, ' +
        "whether it is still open. Stores Rocket.Chat's closing fields.",
    }),
    ApiBody({ type: RoomCloseDto }),
    ApiOkResponse({ type: RoomCloseResponseDto, description: 'Closed.' }),
    ApiRocketChatBadRequest({
      description: '`invalid-params` (bracketed), then plain errors.',
      shapes: [
        INVALID_PARAMS,
        plainError([
          'error-not-allowed-to-close-conversation',
          'invalid-token',
          'invalid-room',
          'room-closed',
        ]),
      ],
      examples: {
        'invalid-params': bracketed('invalid-params', "must have required property 'rid'"),
        'not-allowed': plain('error-not-allowed-to-close-conversation'),
        'invalid-token': plain('invalid-token'),
        'invalid-room': plain('invalid-room'),
        'room-closed': plain('room-closed'),
      },
    }),
    ApiServiceUnavailable(),
  );

/** OpenAPI of POST livechat/room.survey. */
export const ApiRoomSurvey = () =>
  applyDecorators(
    ApiOperation({
      summary: 'Submit post-chat survey answers',
      description: [
        'Checks, in this order, and answers the first failure:',
        "1. params, with Rocket.Chat's own JSON Schema and AJV (`coerceTypes`): numbers and " +
          'booleans become strings (`5` → `"5"`), `null` becomes `""`, objects and arrays are ' +
          "refused; the message is AJV's first, e.g. `must have required property 'token' [invalid-params]`. " +
          'A body not sent as `application/json`, empty or malformed is read as `{}`; a JSON array stays an array.',
        '2. the token: a visitor must have it (`[invalid-token]`);',
        '3. the room: a livechat room of that visitor, open or closed (`[invalid-room]`);',
        '4. the data: items are kept when the name is a configured item (default `satisfaction`, ' +
          "`agentKnowledge`, `agentResposiveness` — sic, Rocket.Chat's spelling — and " +
          '`agentFriendliness`) with an allowed value (default "1".."5"), or the name is ' +
          '`additionalFeedback` (any text); others are dropped silently; a repeated name keeps its ' +
          'last value. Nothing kept: `[invalid-data]`.',
        "The kept answers replace the room's `surveyFeedback` (resubmitting replaces, as Rocket.Chat does).",
      ].join('\n'),
    }),
    ApiBody({
      type: RoomSurveyDto,
      examples: {
        'api-page-example': {
          summary: 'The example call of the room.survey API page',
          value: {
            rid: EXAMPLE_RID,
            token: EXAMPLE_TOKEN,
            data: [{ name: 'additionalFeedback', value: 'Thankszzzzz' }],
          },
        },
        ratings: {
          summary: 'Ratings and a comment',
          value: {
            rid: EXAMPLE_RID,
            token: EXAMPLE_TOKEN,
            data: [
              { name: 'satisfaction', value: '5' },
              { name: 'agentResposiveness', value: '4' },
              { name: 'additionalFeedback', value: 'Quick and kind' },
            ],
          },
        },
      },
    }),
    ApiOkResponse({
      type: RoomSurveyResponseDto,
      description: 'Stored: the kept answers, keys in the order `rid`, `data`, `success`.',
    }),
    ApiRocketChatBadRequest({
      description: 'Bracketed errors, in the order checked: params, token, room, data.',
      shapes: [bracketedError(['invalid-params', 'invalid-token', 'invalid-room', 'invalid-data'])],
      examples: {
        'invalid-params': bracketed('invalid-params', "must have required property 'token'"),
        'invalid-token': bracketed('invalid-token'),
        'invalid-room': bracketed('invalid-room'),
        'invalid-data': bracketed('invalid-data'),
      },
    }),
    ApiServiceUnavailable(),
  );
