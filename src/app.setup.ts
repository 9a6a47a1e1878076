import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Express, Response } from 'express';
import { SwaggerModule } from '@nestjs/swagger';
import { RocketChatExceptionFilter } from './common/rocketchat-exception.filter';
import { appConfig, type AppConfig } from './config/app.config';
import { createOpenApiDocument } from './openapi/openapi.document';

/** Everything main.ts applies to the app, shared with the end-to-end tests. */
export function configureApp(app: NestExpressApplication): NestExpressApplication {
  app.disable('x-powered-by');
  // No ETag: hashing every JSON answer costs CPU and API clients never revalidate.
  app.set('etag', false);
  sendJsonAsRocketChatDoes(app.getHttpAdapter().getInstance());
  app.useGlobalFilters(new RocketChatExceptionFilter());
  SwaggerModule.setup('api-docs', app, createOpenApiDocument(app), {
    ui: app.get<AppConfig>(appConfig.KEY).apiDocsUi,
    jsonDocumentUrl: 'api-docs-json',
    yamlDocumentUrl: 'api-docs-yaml',
  });
  return app;
}

/**
 * Rocket.Chat answers `Content-Type: application/json` with no charset parameter, and its own
 * test suite compares that header exactly; Express's res.json always appends `; charset=utf-8`.
 * JSON is UTF-8 by definition (RFC 8259), so nothing is lost.
 */
function sendJsonAsRocketChatDoes(express: Express): void {
  express.response.json = function json(this: Response, body: unknown) {
    this.setHeader('Content-Type', 'application/json');
    return this.send(Buffer.from(JSON.stringify(body) ?? ''));
  };
}
