import { SetMetadata } from '@nestjs/common';

/** What a credential may do. A Rocket.Chat manager holds every scope; an API key its own. */
export const SCOPES = [
  'reports:read',
  'webhooks:manage',
  'survey-links:create',
  'followups:write',
] as const;
export type Scope = (typeof SCOPES)[number];

export const REQUIRED_SCOPE = 'livechat-survey:required-scope';

/** The scope a route needs beyond a valid credential (read by ManagerAuthGuard). */
export const RequireScope = (scope: Scope) => SetMetadata(REQUIRED_SCOPE, scope);
