import { applyDecorators } from '@nestjs/common';
import { ApiOperation, ApiResponse } from '@nestjs/swagger';
import {
  ApiRocketChatBadRequest,
  ApiServiceUnavailable,
  bracketedError,
  INVALID_PARAMS,
} from '../openapi/rocketchat-responses';
import { ApiManagerAuth } from '../reports/reports.openapi';
import { EVENT_TYPES } from './webhook.schema';

const exact = (properties: Record<string, object>, required = Object.keys(properties)) => ({
  type: 'object',
  required,
  additionalProperties: false,
  properties,
});
const nullable = (type: string, extra: object = {}) => ({ type: [type, 'null'], ...extra });
const dateTime = { type: 'string', format: 'date-time' };
const ok = { type: 'boolean', const: true };

const hookProperties = {
  _id: { type: 'string' },
  url: { type: 'string' },
  events: { type: 'array', items: { type: 'string', enum: [...EVENT_TYPES] } },
  lowScoreThreshold: { type: 'string' },
  createdAt: dateTime,
};

const DELIVERY = exact({
  _id: { type: 'string' },
  eventId: { type: 'string', description: 'The `webhook-id` header, the same on every attempt.' },
  type: { type: 'string', enum: [...EVENT_TYPES] },
  status: { type: 'string', enum: ['pending', 'delivered', 'failed'] },
  attempts: { type: 'integer' },
  lastStatus: nullable('integer', { description: "The receiver's last HTTP status." }),
  lastError: nullable('string', { description: 'Why the last attempt failed.' }),
  nextAttemptAt: nullable('string', { format: 'date-time' }),
  createdAt: dateTime,
  deliveredAt: nullable('string', { format: 'date-time' }),
});

const AUTH =
  'Managers only, as the survey reports: `X-User-Id` + `X-Auth-Token` of a user with role ' +
  '`admin` or `livechat-manager`, or `X-Api-Key`.';

const DELIVERY_NOTE =
  'Each event is POSTed as Standard Webhooks describes: headers `webhook-id`, `webhook-timestamp`, ' +
  '`webhook-signature` (`v1,` + base64 HMAC-SHA256 of `id.timestamp.body`, keyed by the decoded ' +
  'secret), body `{"type","timestamp","data":{rid, submittedAt, items, comment, agent, departmentId, source}}` ' +
  '(source: `widget` or `link`, the hosted survey page). ' +
  'A 2xx within WEBHOOKS_TIMEOUT_MS is delivered; anything else is retried on WEBHOOKS_RETRY_SCHEDULE, then failed.';

const json = (schema: object, example?: object) => ({
  'application/json': { schema, ...(example && { examples: { example: { value: example } } }) },
});

const badRequest = (examples: Record<string, string>) =>
  ApiRocketChatBadRequest({
    description: 'A bad parameter: the first problem, then ` [invalid-params]`.',
    shapes: [INVALID_PARAMS],
    examples: Object.fromEntries(
      Object.entries(examples).map(([name, error]) => [
        name,
        { success: false, error: `${error} [invalid-params]`, errorType: 'invalid-params' },
      ]),
    ),
  });

const notFound = (what: string) =>
  ApiResponse({
    status: 404,
    description: `No such ${what.toLowerCase()}.`,
    content: json(bracketedError(['error-not-found']), {
      success: false,
      error: `${what} not found [error-not-found]`,
      errorType: 'error-not-found',
    }),
  });

const common = () => applyDecorators(ApiManagerAuth(), ApiServiceUnavailable());

export const ApiCreateWebhook = () =>
  applyDecorators(
    ApiOperation({
      summary: 'Registers a survey webhook; its signing secret is shown only here',
      description: `${DELIVERY_NOTE}\n\n${AUTH}`,
    }),
    ApiResponse({
      status: 200,
      description: 'The webhook, with its secret (`whsec_` + base64 of 32 random bytes).',
      content: json(
        exact({
          webhook: exact({ ...hookProperties, secret: { type: 'string', pattern: '^whsec_' } }),
          success: ok,
        }),
      ),
    }),
    badRequest({
      'not-http': 'url must be an http(s) URL',
      private:
        'url refused: 127.0.0.1 is a loopback or private address; WEBHOOKS_ALLOW_PRIVATE=true allows loopback and private addresses',
      metadata: 'url refused: 169.254.169.254 is a cloud metadata address',
      'refused-name': 'url refused: vm resolves to a refused address',
    }),
    common(),
  );

export const ApiListWebhooks = () =>
  applyDecorators(
    ApiOperation({
      summary: 'The registered survey webhooks (never their secrets)',
      description: AUTH,
    }),
    ApiResponse({
      status: 200,
      description: 'Every webhook, oldest first.',
      content: json(
        exact({ webhooks: { type: 'array', items: exact(hookProperties) }, success: ok }),
      ),
    }),
    common(),
  );

export const ApiDeleteWebhook = () =>
  applyDecorators(
    ApiOperation({ summary: 'Removes a survey webhook and its deliveries', description: AUTH }),
    ApiResponse({ status: 200, description: 'Removed.', content: json(exact({ success: ok })) }),
    notFound('Webhook'),
    common(),
  );

export const ApiListDeliveries = () =>
  applyDecorators(
    ApiOperation({
      summary: "A webhook's deliveries, newest first",
      description: `Status pending, delivered or failed, attempts, last HTTP status or error, next attempt time. Delivered ones are kept 7 days.\n\n${AUTH}`,
    }),
    ApiResponse({
      status: 200,
      description: 'A page of deliveries.',
      content: json(
        exact({
          deliveries: { type: 'array', items: DELIVERY },
          count: { type: 'integer' },
          offset: { type: 'integer' },
          total: { type: 'integer' },
          success: ok,
        }),
      ),
    }),
    badRequest({ 'bad-count': 'count must be an integer from 1 to 100' }),
    notFound('Webhook'),
    common(),
  );

export const ApiRetryDelivery = () =>
  applyDecorators(
    ApiOperation({
      summary: 'Sends a failed delivery once more, now',
      description: `One attempt, within the request; the answer is the delivery after it (delivered, or failed again).\n\n${AUTH}`,
    }),
    ApiResponse({
      status: 200,
      description: 'The delivery after the attempt.',
      content: json(exact({ delivery: DELIVERY, success: ok })),
    }),
    badRequest({ 'not-failed': 'only a failed delivery can be retried' }),
    notFound('Delivery'),
    common(),
  );
