import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type {
  OperationObject,
  ResponseObject,
} from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { FollowupsModule } from '../followups/followups.module';
import { LivechatModule } from '../livechat/livechat.module';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { ReportsModule } from '../reports/reports.module';
import { SurveyLinksModule } from '../survey-links/survey-links.module';
import { API_KEY_SCHEME_DESCRIPTION, withRequiredScopes } from './required-scopes';
import { bracketedError, WHILE_RATE_LIMITED } from './rocketchat-responses';
import { version } from '../../package.json';

const DESCRIPTION = `Post-chat survey feedback for livechat, speaking Rocket.Chat's public livechat API exactly:
widgets, bots and SDKs written for Rocket.Chat call these routes unchanged. Data is stored in MongoDB in
Rocket.Chat's own shape (\`rocketchat_room\`, \`rocketchat_livechat_visitor\`).

**Credential.** No user authentication: the visitor token, chosen by the client at registration, is the
credential. It is returned only where Rocket.Chat returns it on success, never in an error or a log.

**Errors** are HTTP 400 in the shape each Rocket.Chat route uses:
- bracketed, with a type: \`{"success":false,"error":"[invalid-token]","errorType":"invalid-token"}\`
  (\`room.survey\`, \`GET\`/\`DELETE visitor/{token}\`, params errors everywhere);
- plain: \`{"success":false,"error":"invalid-room"}\` (\`room.close\`, \`GET room\`);
- Match errors (Meteor's \`check\`): \`{"success":false,"error":"Match error: Missing key 'visitor'"}\`
  (\`POST visitor\`, \`GET room\`).
Params are always judged first. A database that cannot be reached answers 503
\`{"success":false,"error":"[service-unavailable]","errorType":"service-unavailable"}\`; an unexpected failure
answers 500 \`{"success":false,"error":"Internal server error"}\` (Rocket.Chat's text).

**Bodies** are read as Rocket.Chat reads them: JSON only when the content type includes
\`application/json\`; a body that is empty, malformed or of another type is read as \`{}\`. Every answer is
\`Content-Type: application/json\`.`;

/**
 * The OpenAPI 3.1 document of the running code. Built without a database (the app may be
 * created in preview mode), so `npm run openapi` and the served /api-docs-json are the same.
 */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('livechat-survey')
    .setDescription(DESCRIPTION)
    .setVersion(version)
    .setOpenAPIVersion('3.1.0')
    .addTag('livechat rooms', 'Open, close and rate a livechat room (the survey).')
    .addTag('livechat visitors', 'Register, read and erase a visitor.')
    .addTag('livechat widget', 'The configuration a Rocket.Chat widget renders itself from.')
    .addTag(
      'survey reports',
      'CSAT, averages and distributions, the answers, a CSV export (managers).',
    )
    .addTag(
      'survey follow-ups',
      'The queue of unhappy answers and who followed them up (managers).',
    )
    .addSecurity('rocketchat-user', {
      type: 'apiKey',
      in: 'header',
      name: 'X-Auth-Token',
      description: "Rocket.Chat's REST login token, with the user's id in X-User-Id.",
    })
    .addSecurity('api-key', {
      type: 'apiKey',
      in: 'header',
      name: 'X-Api-Key',
      description: API_KEY_SCHEME_DESCRIPTION,
    })
    .build();
  // The livechat API only: health and metrics are operations endpoints, not the contract.
  const document = SwaggerModule.createDocument(app, config, {
    include: [LivechatModule, ReportsModule, WebhooksModule, SurveyLinksModule, FollowupsModule],
  });
  return withRequiredScopes(withLimitResponses(toOpenApi31(document)));
}

const rateLimitHeaders = (required: boolean) => ({
  'X-RateLimit-Limit': {
    description: `Requests allowed per window from this client on this route.${WHILE_RATE_LIMITED}`,
    required,
    schema: { type: 'integer' },
  },
  'X-RateLimit-Remaining': {
    description: `Requests left in the current window.${WHILE_RATE_LIMITED}`,
    required,
    schema: { type: 'integer' },
  },
  'X-RateLimit-Reset': {
    description: `When the window resets, in epoch milliseconds.${WHILE_RATE_LIMITED}`,
    required,
    schema: { type: 'integer' },
  },
});

/**
 * Every livechat route is rate limited (its answers carry the X-RateLimit headers, and a 429
 * in Rocket.Chat's words), and every POST and PATCH route has a body size limit (413, answered before the
 * rate limit is counted, so without its headers).
 */
function withLimitResponses(document: OpenAPIObject): OpenAPIObject {
  for (const [path, operations] of Object.entries(document.paths)) {
    if (!path.startsWith('/api/v1/livechat/')) continue;
    for (const [method, operation] of Object.entries(
      operations as Record<string, OperationObject>,
    )) {
      for (const response of Object.values(operation.responses) as ResponseObject[]) {
        response.headers = { ...rateLimitHeaders(false), ...response.headers };
      }
      operation.responses['429'] = TOO_MANY_REQUESTS;
      if (method === 'post' || method === 'patch') operation.responses['413'] = PAYLOAD_TOO_LARGE;
      operation.responses = Object.fromEntries(
        Object.entries(operation.responses).sort(([a], [b]) => a.localeCompare(b)),
      );
    }
  }
  return document;
}

const TOO_MANY_REQUESTS: ResponseObject = {
  description:
    "Over the rate limit (per client IP and per visitor token, per route: 10 per 60 s, 5 for GET room and POST visitor, by default). Checked before anything else. Rocket.Chat's body, without errorType; N is the seconds to wait, also in Retry-After.",
  headers: {
    'Retry-After': { description: 'Seconds to wait.', required: true, schema: { type: 'integer' } },
    ...rateLimitHeaders(true),
  },
  content: {
    'application/json': {
      schema: {
        type: 'object',
        required: ['success', 'error'],
        additionalProperties: false,
        properties: {
          success: { type: 'boolean', enum: [false] },
          error: {
            type: 'string',
            pattern:
              '^Error, too many requests\\. Please slow down\\. You must wait \\d+ seconds before trying this endpoint again\\. \\[error-too-many-requests\\]$',
          },
        },
      },
      examples: {
        'too-many-requests': {
          value: {
            success: false,
            error:
              'Error, too many requests. Please slow down. You must wait 42 seconds before trying this endpoint again. [error-too-many-requests]',
          },
        },
      },
    },
  },
};

const PAYLOAD_TOO_LARGE: ResponseObject = {
  description: 'The body is larger than BODY_LIMIT (default 1 MB).',
  content: {
    'application/json': {
      schema: bracketedError(['payload-too-large']),
      examples: {
        'payload-too-large': {
          value: { success: false, error: '[payload-too-large]', errorType: 'payload-too-large' },
        },
      },
    },
  },
};

/** @nestjs/swagger writes OpenAPI 3.0 schemas; 3.1 spells `nullable` as a type union. */
function toOpenApi31<T>(node: T): T {
  if (Array.isArray(node)) return node.map((item: unknown) => toOpenApi31(item)) as T;
  if (node === null || typeof node !== 'object') return node;
  const { nullable, ...rest } = node as Record<string, unknown>;
  const converted = Object.fromEntries(
    Object.entries(rest).map(([key, value]) => [key, toOpenApi31(value)]),
  );
  if (nullable === true && typeof converted.type === 'string') {
    converted.type = [converted.type, 'null'];
  }
  return converted as T;
}
