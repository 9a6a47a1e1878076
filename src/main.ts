import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { configureApp } from './app.setup';
import { appConfig } from './config/app.config';
import { describeDatabase } from './database/connection-string';
import { rootLogger } from './logging/logging.module';

async function bootstrap(): Promise<void> {
  // Validate the configuration before Nest starts, so a bad variable gets a one-line message.
  const config = appConfig();
  const { port, shutdownGraceMs } = config;
  // The first line says which database this instance uses, before anything can fail on it.
  rootLogger(config.logLevel, config.logFormat).info(
    { context: 'Bootstrap' },
    `livechat-survey starting (Node ${process.version}), database: ${describeDatabase(config.database)}`,
  );
  // Bodies are read per route (Rocket.Chat's rules), not by Nest's default JSON parser.
  const app = await NestFactory.create<NestExpressApplication>(AppModule, {
    bodyParser: false,
    bufferLogs: true,
  });
  const logger = app.get(Logger);
  app.useLogger(logger);
  // Once shutting down, every answer closes its connection: keep-alive clients would otherwise
  // keep the server open (it only closes idle connections) until the grace period runs out.
  let shuttingDown = false;
  app.use(
    (
      _req: unknown,
      res: { setHeader: (name: string, value: string) => void },
      next: () => void,
    ) => {
      if (shuttingDown) res.setHeader('Connection', 'close');
      next();
    },
  );
  configureApp(app);
  await app.listen(port);
  logger.log(`livechat-survey listening on port ${port}`, 'Bootstrap');

  // SIGTERM: stop accepting, let in-flight requests finish, close the database, exit 0; a
  // shutdown that outlives the grace period exits 1.
  const shutdown = (signal: string) => {
    shuttingDown = true;
    logger.log(`${signal}: shutting down (grace ${shutdownGraceMs} ms)`, 'Bootstrap');
    setTimeout(() => process.exit(1), shutdownGraceMs).unref();
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

bootstrap().catch((error: unknown) => {
  // A configuration error is the expected failure here: print its message, not a stack.
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
