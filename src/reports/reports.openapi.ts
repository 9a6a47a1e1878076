import { applyDecorators } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiSecurity } from '@nestjs/swagger';
import {
  ApiReportUnavailable,
  ApiRocketChatBadRequest,
  budgetHeaders,
  INVALID_PARAMS,
} from '../openapi/rocketchat-responses';
import { ReportResponseDto } from './dto/report-response.dto';

export const UNAUTHORIZED_BODY = {
  success: false,
  error: 'You must be logged in to do this.',
  status: 'error',
  message: 'You must be logged in to do this.',
};
export const FORBIDDEN_BODY = {
  success: false,
  error: 'User does not have the permissions required for this action [error-unauthorized]',
};

export const AUTH =
  'Managers only: Rocket.Chat REST headers `X-User-Id` + `X-Auth-Token` of an active user with ' +
  'role `admin` or `livechat-manager` (a login token within Accounts_LoginExpiration days of its ' +
  '`when`, or a personal access token), or `X-Api-Key` (a key whose SHA-256 digest is in ' +
  'API_KEYS with the scope below, or in REPORTS_API_KEYS). Each sign-in attempt counts against the client IP (RATE_LIMIT_MAX per ' +
  'window, all report and webhook routes together) before the credential is looked at, and is ' +
  "given back when it holds: a 401's X-RateLimit-* headers tell the failed attempts left. " +
  'Authenticated calls count against their credential (REPORTS_RATE_LIMIT_MAX per window), ' +
  "which their answers' X-RateLimit-* headers describe.";

export const PERIOD =
  'A response (a room with at least one kept answer) belongs to the period [from, to) by ' +
  '`surveyFeedbackAt` (when it was submitted here), else `closedAt`, else `ts` (rooms whose ' +
  'answers Rocket.Chat stored). Invalid parameters (a bad date, from ≥ to, an unknown ' +
  'groupBy or compare, time zone, a period over REPORTS_MAX_RANGE_DAYS, a bad count) answer 400 ' +
  '`invalid-params`.';

const exact = (schemaProperties: Record<string, object>, required: string[]) => ({
  type: 'object',
  required,
  additionalProperties: false,
  properties: schemaProperties,
});

/** On a 401: the client address's budget of failed sign-ins, not a credential's. */
const FAILED_SIGN_IN_HEADERS = budgetHeaders(
  'Failed sign-ins allowed per window from this client address (RATE_LIMIT_MAX), all manager routes together.',
  'Failed sign-ins this address has left in the window; past them, 429 whatever the credentials.',
);

/**
 * The managers' credentials (reports, webhooks, survey links): both schemes and the 401; the 403,
 * which names the route's scope, is added with it (openapi/required-scopes.ts).
 */
export const ApiManagerAuth = () =>
  applyDecorators(
    ApiSecurity('rocketchat-user'),
    ApiSecurity('api-key'),
    ApiResponse({
      status: 401,
      description:
        "No credentials, wrong or expired ones, or a deactivated user's: Rocket.Chat 8's body, word for word.",
      headers: FAILED_SIGN_IN_HEADERS,
      content: {
        'application/json': {
          schema: exact(
            {
              success: { type: 'boolean', const: false },
              error: { type: 'string', const: UNAUTHORIZED_BODY.error },
              status: { type: 'string', const: 'error' },
              message: { type: 'string', const: UNAUTHORIZED_BODY.message },
            },
            ['success', 'error', 'status', 'message'],
          ),
          examples: { unauthorized: { value: UNAUTHORIZED_BODY } },
        },
      },
    }),
  );

/** Credentials, a 400 with the period's examples and `examples` (a route's own), a 503. */
export const ApiManagersOnly = (examples: Record<string, object> = {}) =>
  applyDecorators(
    ApiManagerAuth(),
    ApiRocketChatBadRequest({
      description: 'A bad parameter: the first problem, then ` [invalid-params]`.',
      shapes: [INVALID_PARAMS],
      examples: {
        'bad-date': {
          success: false,
          error: 'from must be an ISO 8601 date or date-time [invalid-params]',
          errorType: 'invalid-params',
        },
        'plus-as-space': {
          success: false,
          error:
            'to must be an ISO 8601 date or date-time: write the + of its offset as %2B in a query string [invalid-params]',
          errorType: 'invalid-params',
        },
        'from-not-before-to': {
          success: false,
          error: 'from must be before to [invalid-params]',
          errorType: 'invalid-params',
        },
        ...examples,
      },
    }),
    ApiReportUnavailable(),
  );

export const COMPARE =
  '`compare=previous` adds `previous: {from, to}`, the period of equal length just before ' +
  '(whole local days go back as many local days: 2026-03-30 to 2026-04-06 in Europe/Paris ' +
  'compares with 2026-03-23 to 2026-03-30, 168 hours against 167), and to the summary and ' +
  'each group `previous` (the same figures there) and `change`: csat and responseRate as a ' +
  "difference of proportions with Newcombe's hybrid score interval, each item's average with " +
  "Welch's interval, all 95 %, `significant` when the interval excludes 0. The groups stay the " +
  "current period's; a day group's previous is the day at the same position. Both periods " +
  'are read in one pass.';

export const ApiSurveyReport = () =>
  applyDecorators(
    ApiOperation({
      summary:
        'Survey report: CSAT, averages and distributions, by agent, department, day, hour or weekday, against the previous period',
      description: `${PERIOD}\n\n\`roomsClosed\` counts livechat rooms closed in the period (for the day, hour and weekday groups, by the time of closedAt; responses by the instant that places them in the period). Day groups are calendar days in \`tz\` (23 or 25 hours across DST), every day of the period listed; hour (\`0\`…\`23\`), weekday (ISO, \`1\` Monday…\`7\` Sunday) and weekday-hour (\`1-0\`…\`7-23\`) groups are read on the clocks of \`tz\`, every key listed in that order. Agent and department groups are sorted by key, rooms without one last (key null).\n\n${COMPARE}\n\n${AUTH}`,
    }),
    ApiOkResponse({ type: ReportResponseDto, description: 'The summary, and groups.' }),
    ApiManagersOnly({
      'bad-compare': {
        success: false,
        error: 'compare must be previous [invalid-params]',
        errorType: 'invalid-params',
      },
      'bad-group-by': {
        success: false,
        error:
          'groupBy must be one of agent, department, day, hour, weekday, weekday-hour [invalid-params]',
        errorType: 'invalid-params',
      },
    }),
  );
