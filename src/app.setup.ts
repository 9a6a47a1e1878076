import type { NestExpressApplication } from '@nestjs/platform-express';
import { RocketChatExceptionFilter } from './common/rocketchat-exception.filter';

/** Everything main.ts applies to the app, shared with the end-to-end tests. */
export function configureApp(app: NestExpressApplication): NestExpressApplication {
  app.disable('x-powered-by');
  // No ETag: hashing every JSON answer costs CPU and API clients never revalidate.
  app.set('etag', false);
  app.useGlobalFilters(new RocketChatExceptionFilter());
  return app;
}
