import type {
  OpenAPIObject,
  OperationObject,
  ResponseObject,
} from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { FORBIDDEN_BODY } from '../reports/reports.openapi';
import {
  DEFAULT_SCOPE,
  lacksScope,
  SCOPE_EXTENSION,
  SCOPE_ROUTES,
  SCOPES,
  type Scope,
} from '../reports/scopes';
import { budgetHeaders, plainError } from './rocketchat-responses';

/** The security scheme of API keys, with what each scope opens. */
export const API_KEY_SCHEME_DESCRIPTION =
  'An API key whose SHA-256 digest is configured: in API_KEYS with its scopes ' +
  '(`<digest>:<scope>+<scope>`, `npm run api-key -- --scope <scope>`), or in REPORTS_API_KEYS ' +
  '(deprecated: reports:read only). Each operation states the scope it needs in ' +
  `\`${SCOPE_EXTENSION}\`; Rocket.Chat managers hold every scope. Scopes: ` +
  SCOPES.map((scope) => `\`${scope}\` (${SCOPE_ROUTES[scope]})`).join('; ') +
  '.';

type ScopedOperation = OperationObject & { [SCOPE_EXTENSION]?: string };

/** On a 403: the credential's budget, as on its successes (it was counted before the refusal). */
const CREDENTIAL_BUDGET_HEADERS = budgetHeaders(
  'Calls this credential may make per window (REPORTS_RATE_LIMIT_MAX).',
  'Calls it has left in the window, this refusal counted.',
);

function forbidden(scope: Scope): ResponseObject {
  const lacking = { success: false, error: lacksScope(scope) };
  return {
    description: `A Rocket.Chat user without the admin or livechat-manager role, or an API key without the scope ${scope}.`,
    headers: CREDENTIAL_BUDGET_HEADERS,
    content: {
      'application/json': {
        schema: plainError([FORBIDDEN_BODY.error, lacking.error]),
        examples: { forbidden: { value: FORBIDDEN_BODY }, 'lacks-scope': { value: lacking } },
      },
    },
  };
}

/**
 * Every operation open to API keys states its scope (RequireScope's extension, else the
 * default), in its description too, and documents both 403 bodies: the scope is declared once,
 * on the route, and cannot drift from its documentation.
 */
export function withRequiredScopes(document: OpenAPIObject): OpenAPIObject {
  for (const operations of Object.values(document.paths)) {
    for (const operation of Object.values(operations as Record<string, ScopedOperation>)) {
      const byApiKey = operation.security?.some((requirement) => 'api-key' in requirement);
      if (!byApiKey) continue;
      const scope = (operation[SCOPE_EXTENSION] as Scope | undefined) ?? DEFAULT_SCOPE;
      operation[SCOPE_EXTENSION] = scope;
      operation.description =
        `${operation.description ?? ''}\n\n**Scope:** \`${scope}\` (an API key needs it; ` +
        'Rocket.Chat managers hold every scope).';
      operation.responses = Object.fromEntries(
        Object.entries({ ...operation.responses, 403: forbidden(scope) }).sort(([a], [b]) =>
          a.localeCompare(b),
        ),
      );
    }
  }
  return document;
}
