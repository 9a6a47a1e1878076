import { applyDecorators } from '@nestjs/common';
import { ApiOperation, ApiResponse } from '@nestjs/swagger';
import {
  ApiRocketChatBadRequest,
  bracketedError,
  SERVICE_UNAVAILABLE_BODY,
} from '../openapi/rocketchat-responses';
import { ApiManagerAuth } from '../reports/reports.openapi';

const failure = (errorType: string, message: string) => ({
  success: false,
  error: `${message} [${errorType}]`,
  errorType,
});

export const PUBLIC_URL_NOT_SET_BODY = failure(
  'error-public-url-not-set',
  'Survey links need PUBLIC_URL (the public origin they start with); it is not set',
);

const json = (schema: object, examples: Record<string, object>) => ({
  'application/json': {
    schema,
    examples: Object.fromEntries(Object.entries(examples).map(([k, value]) => [k, { value }])),
  },
});

export const ApiCreateSurveyLink = () =>
  applyDecorators(
    ApiOperation({
      summary: "A room's survey link, for any channel (WhatsApp, SMS, email…)",
      description:
        'The link opens the hosted survey page (`GET /survey/<id>`, HTML, works without ' +
        'JavaScript); its answers are stored as room.survey stores them, with source `link`. ' +
        'Asking again for the same room returns the same link until it expires ' +
        "(SURVEY_LINK_TTL_DAYS); the URL starts with PUBLIC_URL, never with the request's Host. " +
        "The id is 192 random bits: the URL is a credential. Credentials: the reports' (managers, " +
        'or an API key).',
    }),
    ApiResponse({
      status: 200,
      description: 'The live link of the room.',
      content: json(
        {
          type: 'object',
          required: ['url', 'expiresAt', 'success'],
          additionalProperties: false,
          properties: {
            url: { type: 'string', format: 'uri' },
            expiresAt: { type: 'string', format: 'date-time' },
            success: { type: 'boolean', const: true },
          },
        },
        {
          link: {
            url: 'https://survey.example.com/survey/Xb3kQ9vR2mT8wL5nP7jH4sD6fG1aZ0cE',
            expiresAt: '2026-12-15T10:10:00.000Z',
            success: true,
          },
        },
      ),
    }),
    ApiRocketChatBadRequest({
      description: 'A bad body, or a room that gets no link (and which reason).',
      shapes: [
        bracketedError([
          'invalid-params',
          'error-invalid-room',
          'error-visitor-erased',
          'error-survey-answered',
        ]),
      ],
      examples: {
        'no-rid': failure('invalid-params', 'rid must be a room id'),
        'not-livechat': failure('error-invalid-room', 'The room is not a livechat room'),
        erased: failure('error-visitor-erased', "The room's visitor was erased"),
        answered: failure('error-survey-answered', "The room's survey is already answered"),
      },
    }),
    ApiResponse({
      status: 404,
      description: 'No room with that id.',
      content: json(bracketedError(['error-room-not-found']), {
        'not-found': failure('error-room-not-found', 'Room not found'),
      }),
    }),
    ApiResponse({
      status: 503,
      description:
        'PUBLIC_URL is not set (links cannot be made), or the database could not be reached.',
      content: json(bracketedError(['error-public-url-not-set', 'service-unavailable']), {
        'public-url-not-set': PUBLIC_URL_NOT_SET_BODY,
        'service-unavailable': SERVICE_UNAVAILABLE_BODY,
      }),
    }),
    ApiManagerAuth(),
  );
