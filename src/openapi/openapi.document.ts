import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
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
    .build();
  return toOpenApi31(SwaggerModule.createDocument(app, config));
}

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
