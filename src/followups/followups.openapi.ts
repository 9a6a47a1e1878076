import { applyDecorators } from '@nestjs/common';
import { ApiOperation, ApiResponse } from '@nestjs/swagger';
import {
  ApiRocketChatBadRequest,
  ApiReportUnavailable,
  ApiServiceUnavailable,
  bracketedError,
  INVALID_PARAMS,
} from '../openapi/rocketchat-responses';
import { ApiManagerAuth, FORBIDDEN_BODY } from '../reports/reports.openapi';
import { FOLLOWUP_STATUSES } from './followup.schema';

const failure = (errorType: string, message: string) => ({
  success: false,
  error: `${message} [${errorType}]`,
  errorType,
});

const json = (schema: object, examples: Record<string, object>) => ({
  'application/json': {
    schema,
    examples: Object.fromEntries(Object.entries(examples).map(([k, value]) => [k, { value }])),
  },
});

const object = (properties: Record<string, object>) => ({
  type: 'object',
  required: Object.keys(properties),
  additionalProperties: false,
  properties,
});
const nullable = (schema: object) => ({ oneOf: [schema, { type: 'null' }] });
const text = { type: 'string' };
const time = { type: 'string', format: 'date-time' };
const status = { type: 'string', enum: [...FOLLOWUP_STATUSES] };
const actor = object({ _id: text, username: nullable(text) });

const FOLLOWUP = object({
  rid: text,
  status,
  previousStatus: status,
  note: nullable(text),
  satisfaction: text,
  answeredAt: time,
  updatedBy: nullable(actor),
  updatedAt: nullable(time),
  firstResolvedAt: nullable(time),
});

const ROW = object({
  rid: text,
  satisfaction: text,
  comment: nullable(text),
  answeredAt: time,
  agent: nullable(object({ _id: text, username: nullable(text), name: nullable(text) })),
  departmentId: nullable(text),
  department: nullable(object({ _id: text, name: nullable(text) })),
  link: nullable({ type: 'string', format: 'uri' }),
  status,
  note: nullable(text),
  updatedBy: nullable(actor),
  updatedAt: nullable(time),
  firstResolvedAt: nullable(time),
});

const QUEUE =
  'The follow-up queue: answers (rooms with a kept survey) whose `satisfaction` is at or below ' +
  'FOLLOWUP_MAX_SATISFACTION (numerically, else by SURVEY_VALUES order). A follow-up belongs to ' +
  'the answer it was made for: a newer answer of the room is open again.';

const EXAMPLE_FOLLOWUP = {
  rid: 'gMMeBpWyLeowCrzBv',
  status: 'contacted',
  previousStatus: 'open',
  note: 'Called back, refund offered',
  satisfaction: '1',
  answeredAt: '2026-11-01T10:12:00.000Z',
  updatedBy: { _id: 'managerUserId0001', username: 'manager.one' },
  updatedAt: '2026-11-02T09:00:00.000Z',
  firstResolvedAt: null,
};

export const SCOPE_FORBIDDEN_BODY = {
  success: false,
  error: 'This credential lacks the scope followups:write [error-unauthorized]',
};

export const ApiUpdateFollowup = () =>
  applyDecorators(
    ApiOperation({
      summary: "Marks a queued answer's follow-up open, contacted or resolved",
      description:
        `${QUEUE}\n\nStores the status, the note (omitted or null: kept; "" clears it), who ` +
        '(`updatedBy`: the manager; an API key with scope followups:write is `{_id: "key:<digest ' +
        'prefix>", username: null}`) and when, and the first time it became resolved. A change ' +
        'sends a `survey.followed_up` webhook event; a request that changes nothing stores and ' +
        'sends nothing. Concurrent changes: the last one wins, each stored whole. Scope ' +
        '`followups:write` (managers; REPORTS_API_KEYS keys lack it).',
    }),
    ApiResponse({
      status: 200,
      description: 'The follow-up as stored; `previousStatus` is its status before this request.',
      content: json(object({ followup: FOLLOWUP, success: { type: 'boolean', const: true } }), {
        contacted: { followup: EXAMPLE_FOLLOWUP, success: true },
      }),
    }),
    ApiRocketChatBadRequest({
      description: 'A bad body, or a room whose answer is not in the queue (and why).',
      shapes: [
        bracketedError([
          'invalid-params',
          'error-survey-not-answered',
          'error-not-in-followup-queue',
        ]),
      ],
      examples: {
        'bad-status': failure('invalid-params', 'status must be one of open, contacted, resolved'),
        'long-note': failure('invalid-params', 'note must be a string of at most 2000 characters'),
        'not-answered': failure('error-survey-not-answered', 'The room has no survey answer'),
        'above-threshold': failure(
          'error-not-in-followup-queue',
          "The answer's satisfaction is above the follow-up threshold (2)",
        ),
      },
    }),
    ApiResponse({
      status: 404,
      description: 'No room with that id.',
      content: json(bracketedError(['error-room-not-found']), {
        'not-found': failure('error-room-not-found', 'Room not found'),
      }),
    }),
    ApiServiceUnavailable(),
    ApiManagerAuth(),
    ApiResponse({
      status: 403,
      // Merged by Swagger into ApiManagerAuth's 403, after its description.
      description:
        'Or an API key without the scope followups:write (every REPORTS_API_KEYS key today).',
      content: json(
        object({
          success: { type: 'boolean', const: false },
          error: { type: 'string', enum: [FORBIDDEN_BODY.error, SCOPE_FORBIDDEN_BODY.error] },
        }),
        { forbidden: FORBIDDEN_BODY, 'lacks-scope': SCOPE_FORBIDDEN_BODY },
      ),
    }),
  );

export const ApiListFollowups = () =>
  applyDecorators(
    ApiOperation({
      summary: 'The follow-up queue: unhappy answers and their follow-up status, newest first',
      description:
        `${QUEUE}\n\nThe answers given in [from, to) (by surveyFeedbackAt, else closedAt, else ts), ` +
        'filtered by agent, department and status (no follow-up: `open`); newest answer first, ties ' +
        'by room id. `offset`, `count` (default 50, at most 100; offset + count at most 1000); ' +
        '`total` counts every matching row. `link` is `<ROCKETCHAT_URL>/live/<rid>`, null when ' +
        "ROCKETCHAT_URL is unset. Credentials: the reports' (scope reports:read).",
    }),
    ApiResponse({
      status: 200,
      description: 'A page of the queue.',
      content: json(
        object({
          followups: { type: 'array', items: ROW },
          count: { type: 'integer' },
          offset: { type: 'integer' },
          total: { type: 'integer' },
          success: { type: 'boolean', const: true },
        }),
        {
          page: {
            followups: [
              {
                rid: 'gMMeBpWyLeowCrzBv',
                satisfaction: '1',
                comment: 'nobody answered',
                answeredAt: '2026-11-01T10:12:00.000Z',
                agent: { _id: 'agentId0000000001', username: 'agent.smith', name: 'Agent Smith' },
                departmentId: 'salesDeptId000001',
                department: { _id: 'salesDeptId000001', name: 'Sales' },
                link: 'https://chat.example.com/live/gMMeBpWyLeowCrzBv',
                status: 'open',
                note: null,
                updatedBy: null,
                updatedAt: null,
                firstResolvedAt: null,
              },
            ],
            count: 1,
            offset: 0,
            total: 1,
            success: true,
          },
        },
      ),
    }),
    ApiRocketChatBadRequest({
      description: 'A bad parameter: the first problem, then ` [invalid-params]`.',
      shapes: [INVALID_PARAMS],
      examples: {
        'bad-status': failure('invalid-params', 'status must be one of open, contacted, resolved'),
        'too-deep': failure('invalid-params', 'offset + count must be at most 1000'),
      },
    }),
    ApiReportUnavailable(),
    ApiManagerAuth(),
  );
