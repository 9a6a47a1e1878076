import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import type { Express, Response } from 'express';
import helmet from 'helmet';
import { RocketChatExceptionFilter } from './common/rocketchat-exception.filter';
import { appConfig, type AppConfig } from './config/app.config';
import { createOpenApiDocument } from './openapi/openapi.document';

/** Everything main.ts applies to the app, shared with the end-to-end tests. */
export function configureApp(app: NestExpressApplication): NestExpressApplication {
  const config = app.get<AppConfig>(appConfig.KEY);
  app.disable('x-powered-by');
  // No ETag: hashing every JSON answer costs CPU and API clients never revalidate.
  app.set('etag', false);
  // Behind a load balancer, req.ip (the rate limit's key) must be the client's address.
  app.set('trust proxy', config.trustProxy);
  app.use(
    helmet({
      // TLS ends at the load balancer: upgrading the docs UI's assets to https would break it
      // wherever it is served over plain http (locally, inside the cluster).
      contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } },
    }),
  );
  app.enableCors({
    // Only the widget's sites; no CORS headers at all when none is configured.
    origin: config.corsOrigins.includes('*')
      ? '*'
      : config.corsOrigins.length > 0
        ? config.corsOrigins
        : false,
    methods: ['GET', 'POST', 'DELETE'],
    exposedHeaders: [
      'X-RateLimit-Limit',
      'X-RateLimit-Remaining',
      'X-RateLimit-Reset',
      'Retry-After',
      'X-Request-Id',
    ],
  });
  sendJsonAsRocketChatDoes(app.getHttpAdapter().getInstance());
  app.useGlobalFilters(new RocketChatExceptionFilter());
  SwaggerModule.setup('api-docs', app, createOpenApiDocument(app), {
    ui: config.apiDocsUi,
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
