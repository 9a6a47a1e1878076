import { ExpressAdapter, type NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { Router, type Express, type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { RocketChatChecks } from './common/rocketchat-checks.middleware';
import { RocketChatExceptionFilter } from './common/rocketchat-exception.filter';
import { appConfig, type AppConfig } from './config/app.config';
import { accessLog, ROOT_LOGGER } from './logging/logging.module';
import { MetricsMiddleware } from './metrics/metrics.middleware';
import { createOpenApiDocument } from './openapi/openapi.document';
import { serveReportsPage } from './reports-page/reports-page';

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
  // Plain Express middleware, not Nest's: Nest wraps each of its middlewares in a route layer of
  // its own, which every request walks through.
  app.use(accessLog(app.get(ROOT_LOGGER)));
  const metrics = app.get(MetricsMiddleware);
  app.use(metrics.use.bind(metrics));
  // Only the widget's sites; no CORS middleware at all when none is configured.
  if (config.corsOrigins.length > 0) enableCors(app, config.corsOrigins);
  sendJsonAsRocketChatDoes(app.getHttpAdapter().getInstance());
  const errors = new RocketChatExceptionFilter();
  // The livechat API's body reader, rate limit and params check, ahead of every other route:
  // a refused request costs no more than in a plain Express app.
  app.use(app.get(RocketChatChecks).router(errors));
  const pages = pagesRouter(app);
  serveReportsPage(pages);
  app.useGlobalFilters(errors);
  // SwaggerModule registers through the app's adapter and static assets: those of the pages'.
  const pagesApp = {
    getHttpAdapter: () => pages,
    useStaticAssets: pages.useStaticAssets.bind(pages),
  } as unknown as NestExpressApplication;
  SwaggerModule.setup('api-docs', pagesApp, createOpenApiDocument(app), {
    ui: config.apiDocsUi,
    jsonDocumentUrl: 'api-docs-json',
    yamlDocumentUrl: 'api-docs-yaml',
  });
  return app;
}

/**
 * The pages' paths (Swagger UI and its documents, the reports page, and `/`, which leads to it),
 * in any case as Express.
 */
const PAGES = /^\/(?:(?:api-docs(?:-json|-yaml)?|reports)(?:\/|$)|$)/i;

/**
 * A router of their own for the pages, entered only by their paths: the API's requests pass
 * them with one test instead of walking their dozen routes, which Swagger would register
 * ahead of the API's.
 */
function pagesRouter(app: NestExpressApplication): ExpressAdapter {
  const router = Router();
  app.use((req: Request, res: Response, next: NextFunction) =>
    PAGES.test(req.path) ? router(req, res, next) : next(),
  );
  return new ExpressAdapter(router);
}

function enableCors(app: NestExpressApplication, origins: string[]): void {
  app.enableCors({
    origin: origins.includes('*') ? '*' : origins,
    methods: ['GET', 'POST', 'PATCH', 'DELETE'],
    exposedHeaders: [
      'X-RateLimit-Limit',
      'X-RateLimit-Remaining',
      'X-RateLimit-Reset',
      'Retry-After',
      'X-Request-Id',
    ],
  });
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
