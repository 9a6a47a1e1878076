import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';

/**
 * OpenAPI descriptions of Rocket.Chat's error bodies. Routes differ in shape, so each route
 * names the shapes and codes it can really answer; the examples are exact bodies.
 */
type Schema = Record<string, unknown>;

const success = (value: boolean): Schema => ({ type: 'boolean', const: value });

/** `{"success":false,"error":"[type]","errorType":"type"}`, or `"message [type]"`. */
export function bracketedError(types: string[], withDetails = false): Schema {
  return {
    type: 'object',
    title: 'BracketedError',
    description: 'Rocket.Chat error with a type: `error` ends with `[<errorType>]`.',
    required: ['success', 'error', 'errorType', ...(withDetails ? ['details'] : [])],
    additionalProperties: false,
    properties: {
      success: success(false),
      error: { type: 'string', pattern: '\\[[a-z-]+\\]$' },
      errorType: { type: 'string', enum: types },
      ...(withDetails && {
        details: {
          type: 'object',
          required: ['method'],
          additionalProperties: false,
          properties: { method: { type: 'string' } },
        },
      }),
    },
  };
}

/** `{"success":false,"error":"invalid-room"}`: no brackets, no errorType. */
export function plainError(codes: string[]): Schema {
  return {
    type: 'object',
    title: 'PlainError',
    required: ['success', 'error'],
    additionalProperties: false,
    properties: { success: success(false), error: { type: 'string', enum: codes } },
  };
}

/** Meteor's check wording: `{"success":false,"error":"Match error: Missing key 'visitor'"}`. */
export const MATCH_ERROR: Schema = {
  type: 'object',
  title: 'MatchError',
  description: "Meteor `check` failure, e.g. `Match error: Missing key 'token' in field visitor`.",
  required: ['success', 'error'],
  additionalProperties: false,
  properties: { success: success(false), error: { type: 'string', pattern: '^Match error: ' } },
};

/** A params failure: AJV's first message, then ` [invalid-params]`. */
export const INVALID_PARAMS = bracketedError(['invalid-params']);

/** How the X-RateLimit-* headers' descriptions end: they are optional. */
export const WHILE_RATE_LIMITED =
  ' Sent while rate limiting is on (RATE_LIMIT_ENABLED, default true).';

/** The X-RateLimit-* headers of a budget, described for one kind of answer; optional. */
export function budgetHeaders(limit: string, remaining: string) {
  const header = (description: string) => ({
    description: `${description}${WHILE_RATE_LIMITED}`,
    required: false,
    schema: { type: 'integer' },
  });
  return {
    'X-RateLimit-Limit': header(limit),
    'X-RateLimit-Remaining': header(remaining),
    'X-RateLimit-Reset': header('When that window ends, in epoch milliseconds.'),
  };
}

export const SERVICE_UNAVAILABLE_BODY = {
  success: false,
  error: '[service-unavailable]',
  errorType: 'service-unavailable',
};

export interface ErrorResponseOptions {
  description: string;
  /** One schema per shape the route can answer with this status. */
  shapes: Schema[];
  /** Exact bodies, by example name. */
  examples: Record<string, object>;
}

/** Documents a 400 in the shapes a Rocket.Chat route uses. */
export function ApiRocketChatBadRequest(options: ErrorResponseOptions) {
  return ApiResponse({
    status: 400,
    description: options.description,
    content: {
      'application/json': {
        schema: options.shapes.length === 1 ? options.shapes[0] : { oneOf: options.shapes },
        examples: Object.fromEntries(
          Object.entries(options.examples).map(([name, value]) => [name, { value }]),
        ),
      },
    },
  });
}

/** 503 when the database cannot be reached or does not answer (every route that reads it). */
export const ApiServiceUnavailable = () =>
  applyDecorators(
    ApiResponse({
      status: 503,
      description:
        'The database could not be reached within DB_SERVER_SELECTION_TIMEOUT_MS (default 2 s), or did not answer within DB_OPERATION_TIMEOUT_MS (default 3 s, one retry). Retry later.',
      content: {
        'application/json': {
          schema: bracketedError(['service-unavailable']),
          examples: { 'service-unavailable': { value: SERVICE_UNAVAILABLE_BODY } },
        },
      },
    }),
  );

export const SERVICE_BUSY_BODY = {
  success: false,
  error: 'Too many reports are running; try again in a moment [service-busy]',
  errorType: 'service-busy',
};

/**
 * The report routes' 503: the database (as ApiServiceUnavailable), or the report passes full
 * (REPORTS_MAX_CONCURRENT running, REPORTS_QUEUE_MAX waiting, or REPORTS_QUEUE_WAIT_MS waited).
 */
export const ApiReportUnavailable = () =>
  applyDecorators(
    ApiResponse({
      status: 503,
      description:
        'service-unavailable: the database could not be reached within DB_SERVER_SELECTION_TIMEOUT_MS, or did not answer within DB_OPERATION_TIMEOUT_MS. service-busy: every report pass of this instance is taken (REPORTS_MAX_CONCURRENT) and the queue is full (REPORTS_QUEUE_MAX), or this call waited REPORTS_QUEUE_WAIT_MS for one; nothing was read, and Retry-After says when to try again. Retry later.',
      headers: {
        'Retry-After': {
          description: 'service-busy only: seconds to wait (REPORTS_QUEUE_WAIT_MS, rounded up).',
          required: false,
          schema: { type: 'integer' },
        },
      },
      content: {
        'application/json': {
          schema: bracketedError(['service-unavailable', 'service-busy']),
          examples: {
            'service-unavailable': { value: SERVICE_UNAVAILABLE_BODY },
            'service-busy': { value: SERVICE_BUSY_BODY },
          },
        },
      },
    }),
  );
