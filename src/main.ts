import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { configureApp } from './app.setup';
import { appConfig } from './config/app.config';

async function bootstrap(): Promise<void> {
  // Validate the configuration before Nest starts, so a bad variable gets a one-line message.
  const { port, shutdownGraceMs } = appConfig();
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
  await app.listen(port).catch(async (error: unknown) => {
    // A port in use, an index that cannot be made: close what did start (the embedded FerretDB
    // above all) before exiting, within the grace period.
    setTimeout(() => process.exit(1), shutdownGraceMs).unref();
    // The start-up's logs are buffered until listening: print them, they tell what did start.
    app.flushLogs();
    await app.close().catch(() => undefined);
    throw error;
  });
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
