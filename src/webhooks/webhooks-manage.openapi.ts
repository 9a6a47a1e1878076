import { applyDecorators } from '@nestjs/common';
import { ApiOperation, ApiResponse } from '@nestjs/swagger';
import {
  ATTEMPT,
  AUTH,
  badRequest,
  common,
  DELIVERY,
  exact,
  hookProperties,
  json,
  notFound,
  nullable,
  ok,
} from './webhooks.openapi';

const URL_ERRORS = {
  'not-http': 'url must be an http(s) URL',
  private:
    'url refused: 127.0.0.1 is a loopback or private address; WEBHOOKS_ALLOW_PRIVATE=true allows loopback and private addresses',
};

export const ApiUpdateWebhook = () =>
  applyDecorators(
    ApiOperation({
      summary: 'Changes a survey webhook: url, events, lowScoreThreshold, description, active',
      description:
        'Only the fields sent change; the id, the secret and the deliveries stay. A new url is checked as at registration. ' +
        '`active: false` pauses the hook: its deliveries (those waiting and those of new events) stay pending and are sent, each once, ' +
        'when it is set `true` again. Deliveries already made keep their type and body. Changes of one hook are applied one at a time ' +
        'per instance; two instances changing one hook at the same moment: the last write wins.\n\n' +
        AUTH,
    }),
    ApiResponse({
      status: 200,
      description: 'The webhook as it now is (never its secret).',
      content: json(exact({ webhook: exact(hookProperties), success: ok })),
    }),
    badRequest({
      ...URL_ERRORS,
      empty: 'nothing to change: send url, events, lowScoreThreshold, description or active',
      'bad-active': 'active must be true or false',
      'long-description': 'description must be a text of at most 500 characters',
    }),
    notFound('Webhook'),
    common(),
  );

export const ApiRotateSecret = () =>
  applyDecorators(
    ApiOperation({
      summary: "Rotates a webhook's secret with an overlap; the new secret is shown only here",
      description:
        'For `overlapHours` (default 24, 0–168) every delivery carries two signatures in `webhook-signature`, ' +
        '`v1,<new> v1,<old>` (Standard Webhooks verifiers accept either), then only the new one. ' +
        'Rotating again during an overlap ends it: the oldest secret stops at once.\n\n' +
        AUTH,
    }),
    ApiResponse({
      status: 200,
      description: 'The new secret, and when the old one stops signing.',
      content: json(
        exact({
          webhook: exact({
            _id: { type: 'string' },
            secret: { type: 'string', pattern: '^whsec_' },
            previousSecretUntil: nullable('string', { format: 'date-time' }),
          }),
          success: ok,
        }),
      ),
    }),
    badRequest({ 'bad-overlap': 'overlapHours must be a number from 0 to 168' }),
    notFound('Webhook'),
    common(),
  );

export const ApiPingWebhook = () =>
  applyDecorators(
    ApiOperation({
      summary: 'Sends a ping to this webhook now and answers with what happened',
      description:
        'Body `{"type":"ping","timestamp","data":{"webhookId"}}`, signed as every delivery, its own `webhook-id`; ' +
        'one attempt within WEBHOOKS_TIMEOUT_MS, never retried, recorded in the deliveries. A paused hook is pinged too ' +
        '(that is how its receiver is checked before resuming it).\n\n' +
        AUTH,
    }),
    ApiResponse({
      status: 200,
      description:
        "The attempt (HTTP status or error class, duration, the answer's first 200 bytes) and the delivery.",
      content: json(
        exact({
          outcome: { ...ATTEMPT, type: ['object', 'null'] },
          delivery: DELIVERY,
          success: ok,
        }),
      ),
    }),
    notFound('Webhook'),
    common(),
  );

export const ApiBulkRetry = () =>
  applyDecorators(
    ApiOperation({
      summary: "Retries a webhook's failed deliveries",
      description:
        'Each failed delivery (oldest first, at most 500 per call: call again while `count` is 500) is queued for one ' +
        'attempt now, sent by the dispatcher of one instance; `count` says how many were queued.\n\n' +
        AUTH,
    }),
    ApiResponse({
      status: 200,
      description: 'How many failed deliveries were queued.',
      content: json(exact({ count: { type: 'integer' }, success: ok }), {
        count: 3,
        success: true,
      }),
    }),
    badRequest({ 'bad-status': 'status must be failed' }),
    notFound('Webhook'),
    common(),
  );
