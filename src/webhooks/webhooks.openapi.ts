import { applyDecorators } from '@nestjs/common';
import { ApiOperation, ApiResponse } from '@nestjs/swagger';
import {
  ApiRocketChatBadRequest,
  ApiServiceUnavailable,
  bracketedError,
  INVALID_PARAMS,
} from '../openapi/rocketchat-responses';
import { ApiManagerAuth } from '../reports/reports.openapi';
import { MAX_ATTEMPT_RECORDS } from './webhook-attempt-log';
import { ATTEMPT_ERRORS, EVENT_TYPES, PING } from './webhook.schema';

export const exact = (properties: Record<string, object>, required = Object.keys(properties)) => ({
  type: 'object',
  required,
  additionalProperties: false,
  properties,
});
export const nullable = (type: string, extra: object = {}) => ({ type: [type, 'null'], ...extra });
export const dateTime = { type: 'string', format: 'date-time' };
export const ok = { type: 'boolean', const: true };

export const hookProperties = {
  _id: { type: 'string' },
  url: { type: 'string' },
  events: { type: 'array', items: { type: 'string', enum: [...EVENT_TYPES] } },
  lowScoreThreshold: { type: 'string' },
  active: { type: 'boolean', description: 'false: paused; its deliveries wait, pending.' },
  description: nullable('string'),
  previousSecretUntil: nullable('string', {
    format: 'date-time',
    description:
      "Until when deliveries carry the replaced secret's signature too (a rotation's overlap).",
  }),
  createdAt: dateTime,
};

export const ATTEMPT = exact({
  at: dateTime,
  status: nullable('integer', {
    description: "The receiver's HTTP status; null without an answer.",
  }),
  error: nullable('string', {
    enum: [...ATTEMPT_ERRORS, null],
    description:
      'Without an answer, why: `timeout`, `refused` (connection refused), `dns`, `tls`, `reset`, `blocked` (a refused address), `network`.',
  }),
  durationMs: { type: 'integer' },
  response: nullable('string', {
    maxLength: 200,
    description: "The first 200 bytes of the receiver's answer.",
  }),
});

export const DELIVERY = exact({
  _id: { type: 'string' },
  eventId: { type: 'string', description: 'The `webhook-id` header, the same on every attempt.' },
  type: { type: 'string', enum: [...EVENT_TYPES, PING] },
  status: { type: 'string', enum: ['pending', 'delivered', 'failed'] },
  attempts: { type: 'integer' },
  lastStatus: nullable('integer', { description: "The receiver's last HTTP status." }),
  lastError: nullable('string', { description: 'Why the last attempt failed.' }),
  nextAttemptAt: nullable('string', { format: 'date-time' }),
  createdAt: dateTime,
  deliveredAt: nullable('string', { format: 'date-time' }),
  history: {
    type: 'array',
    items: ATTEMPT,
    maxItems: MAX_ATTEMPT_RECORDS,
    description: `Its latest attempts (at most ${MAX_ATTEMPT_RECORDS}), oldest first.`,
  },
});

export const AUTH =
  'Managers only, as the survey reports: `X-User-Id` + `X-Auth-Token` of a user with role ' +
  '`admin` or `livechat-manager`, or `X-Api-Key`.';

const DELIVERY_NOTE =
  'Each event is POSTed as Standard Webhooks describes: headers `webhook-id`, `webhook-timestamp`, ' +
  '`webhook-signature` (`v1,` + base64 HMAC-SHA256 of `id.timestamp.body`, keyed by the decoded ' +
  "secret; during a rotation's overlap two, space-separated, the new one first), " +
  'body `{"type","timestamp","data":{rid, submittedAt, items, comment, agent, departmentId, source}}` ' +
  '(source: `widget` or `link`, the hosted survey page). ' +
  'A 2xx within WEBHOOKS_TIMEOUT_MS is delivered; anything else is retried on WEBHOOKS_RETRY_SCHEDULE, then failed.';

export const json = (schema: object, example?: object) => ({
  'application/json': { schema, ...(example && { examples: { example: { value: example } } }) },
});

export const badRequest = (examples: Record<string, string>) =>
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

export const notFound = (what: string, description = `No such ${what.toLowerCase()}.`) =>
  ApiResponse({
    status: 404,
    description,
    content: json(bracketedError(['error-not-found']), {
      success: false,
      error: `${what} not found [error-not-found]`,
      errorType: 'error-not-found',
    }),
  });

export const common = () => applyDecorators(ApiManagerAuth(), ApiServiceUnavailable());

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
      description: `Status pending, delivered or failed (\`?status=\` keeps one), attempts, last HTTP status or error, next attempt time, and each of the latest attempts: time, HTTP status or error class, duration, the answer's first 200 bytes. Delivered ones are kept 7 days.\n\n${AUTH}`,
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
    badRequest({
      'bad-count': 'count must be an integer from 1 to 100',
      'bad-status': 'status must be one of pending, delivered, failed',
    }),
    notFound('Webhook'),
    common(),
  );

export const ApiRetryDelivery = () =>
  applyDecorators(
    ApiOperation({
      summary: 'Sends a pending or failed delivery now',
      description: `One attempt, within the request, under the same lease as a scheduled one (racing the scheduler, it is sent once). A failed delivery that fails again stays failed; a pending one stays on its schedule. Sent even when the hook is paused. The answer is the delivery after it.\n\n${AUTH}`,
    }),
    ApiResponse({
      status: 200,
      description: 'The delivery after the attempt.',
      content: json(exact({ delivery: DELIVERY, success: ok })),
    }),
    badRequest({ delivered: 'only a pending or failed delivery can be retried' }),
    notFound('Delivery', 'No such webhook, or no such delivery of it.'),
    common(),
  );
