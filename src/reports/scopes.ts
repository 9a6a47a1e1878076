import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';

/** What a credential may do. A Rocket.Chat manager holds every scope; an API key its own. */
export const SCOPES = [
  'reports:read',
  'webhooks:manage',
  'survey-links:create',
  'followups:write',
] as const;
export type Scope = (typeof SCOPES)[number];

export const isScope = (text: string): text is Scope =>
  (SCOPES as readonly string[]).includes(text);

/** What each scope opens, for the API document's security scheme. */
export const SCOPE_ROUTES: Readonly<Record<Scope, string>> = {
  'reports:read':
    'GET survey.report, survey.responses, survey.export.csv, survey.dashboard, survey.followups',
  'webhooks:manage': 'every survey.webhooks route',
  'survey-links:create': 'POST survey.link',
  'followups:write': 'POST survey.followup',
};

/** The scope of a route without RequireScope. */
export const DEFAULT_SCOPE: Scope = 'reports:read';

export const REQUIRED_SCOPE = 'livechat-survey:required-scope';

/** The OpenAPI extension that states an operation's scope (openapi/required-scopes.ts). */
export const SCOPE_EXTENSION = 'x-required-scope';

/**
 * The scope a route needs beyond a valid credential (read by ManagerAuthGuard), stated in the
 * API document too: on a controller, for each of its routes (a route's own wins).
 */
export const RequireScope = (scope: Scope) =>
  applyDecorators(SetMetadata(REQUIRED_SCOPE, scope), ApiExtension(SCOPE_EXTENSION, scope));

/** The 403 error of a credential without the route's scope. */
export const lacksScope = (scope: Scope) =>
  `This credential lacks the scope ${scope} [error-unauthorized]`;
