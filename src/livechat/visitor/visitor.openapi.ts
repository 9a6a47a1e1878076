import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiParam } from '@nestjs/swagger';
import {
  ApiRocketChatBadRequest,
  ApiServiceUnavailable,
  bracketedError,
  MATCH_ERROR,
  plainError,
} from '../../openapi/rocketchat-responses';
import { ErasedVisitorResponseDto, VisitorResponseDto } from './dto/livechat-visitor.dto';
import { RegisterVisitorDto } from './dto/register-visitor.dto';

const INVALID_TOKEN = { success: false, error: '[invalid-token]', errorType: 'invalid-token' };
// A token segment that is not valid percent-encoding fails in routing, before any check.
const MALFORMED_PATH = { success: false, error: 'Bad request' };
const TokenParam = () =>
  ApiParam({ name: 'token', description: 'The visitor token (a credential: never logged).' });

/** OpenAPI of POST livechat/visitor. */
export const ApiRegisterVisitor = () =>
  applyDecorators(
    ApiOperation({
      summary: 'Register a visitor, or update the one with that token',
      description:
        "The body is checked with Meteor's `check` (Match errors). A new visitor without " +
        "`username` is named `guest-N` from Rocket.Chat's `Livechat_guest_count` (the first is " +
        'guest-2); an existing one keeps its `_id` and username. `department` names one of ' +
        "Rocket.Chat's departments by its `_id` or its name, and is stored as its `_id`. The " +
        "visitor's open rooms get " +
        'the new name. A visitor keeps at most VISITOR_MAX_CUSTOM_FIELDS (50) custom fields, ' +
        'keys of at most VISITOR_CUSTOM_FIELD_KEY_MAX_LENGTH (100) characters and values of at ' +
        'most MAX_STRING_LENGTH (10000); a registration beyond changes nothing. Counts against ' +
        'the per-token rate limit (`visitor.token`).',
    }),
    ApiBody({ type: RegisterVisitorDto }),
    ApiOkResponse({ type: VisitorResponseDto, description: 'The visitor document.' }),
    ApiRocketChatBadRequest({
      description:
        'A Match error; a blank token; a department that is neither the `_id` nor the name of ' +
        'one (plain, as the newest Rocket.Chat answers it); a custom field key or value too long; more ' +
        'custom fields than a visitor keeps. Nothing is stored.',
      shapes: [
        MATCH_ERROR,
        bracketedError(
          ['error-invalid-token', 'error-invalid-custom-field', 'error-too-many-custom-fields'],
          true,
        ),
        plainError(['error-invalid-department']),
      ],
      examples: {
        'missing-visitor': { success: false, error: "Match error: Missing key 'visitor'" },
        'wrong-type': {
          success: false,
          error: 'Match error: Expected string, got number in field visitor.token',
        },
        'blank-token': {
          success: false,
          error: 'Token cannot be empty [error-invalid-token]',
          errorType: 'error-invalid-token',
          details: { method: 'livechat/visitor' },
        },
        'invalid-department': { success: false, error: 'error-invalid-department' },
        'custom-field-too-long': {
          success: false,
          error: 'Custom field values have at most 10000 characters [error-invalid-custom-field]',
          errorType: 'error-invalid-custom-field',
          details: { method: 'livechat/visitor' },
        },
        'too-many-custom-fields': {
          success: false,
          error: 'A visitor keeps at most 50 custom fields [error-too-many-custom-fields]',
          errorType: 'error-too-many-custom-fields',
          details: { method: 'livechat/visitor' },
        },
      },
    }),
    ApiServiceUnavailable(),
  );

/** OpenAPI of GET livechat/visitor/:token. */
export const ApiGetVisitor = () =>
  applyDecorators(
    ApiOperation({ summary: 'The visitor document for a token' }),
    TokenParam(),
    ApiOkResponse({ type: VisitorResponseDto }),
    ApiRocketChatBadRequest({
      description:
        'Unknown token; or a path that is not valid percent-encoding (plain `Bad request`).',
      shapes: [bracketedError(['invalid-token']), plainError(['Bad request'])],
      examples: { 'invalid-token': INVALID_TOKEN, 'malformed-path': MALFORMED_PATH },
    }),
    ApiServiceUnavailable(),
  );

/** OpenAPI of DELETE livechat/visitor/:token. */
export const ApiEraseVisitor = () =>
  applyDecorators(
    ApiOperation({
      summary: 'Erase a visitor (right to be forgotten)',
      description:
        'Refused while the visitor has an open room (unless VISITOR_ERASE_CLOSES_OPEN_ROOMS=true, ' +
        'which closes them first). The visitor document stays, `disabled: true`, without token ' +
        'and personal data. The messages of its rooms are deleted, as Rocket.Chat does; unlike ' +
        'Rocket.Chat, which deletes the rooms, the rooms are kept anonymised (without the ' +
        "visitor's names, token, last message and transcript request) with their survey " +
        'answers, so that reports keep their numbers. Afterwards the token is unknown everywhere.',
    }),
    TokenParam(),
    ApiOkResponse({ type: ErasedVisitorResponseDto }),
    ApiRocketChatBadRequest({
      description:
        'Unknown token, or an open room; or a path that is not valid percent-encoding (plain `Bad request`).',
      shapes: [
        bracketedError(['invalid-token', 'visitor-has-open-rooms']),
        plainError(['Bad request']),
      ],
      examples: {
        'invalid-token': INVALID_TOKEN,
        'malformed-path': MALFORMED_PATH,
        'visitor-has-open-rooms': {
          success: false,
          error: 'Cannot remove visitors with opened rooms [visitor-has-open-rooms]',
          errorType: 'visitor-has-open-rooms',
        },
      },
    }),
    ApiServiceUnavailable(),
  );
