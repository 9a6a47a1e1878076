import type { Server } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import type { Logger as PinoLogger } from 'pino';
import { AppModule } from './app.module';
import { configureApp } from './app.setup';
import { exitSoon } from './common/exit-soon';
import { appConfig } from './config/app.config';
import { describeDatabase } from './database/connection-string';
import { StartRefusedError } from './database/start-refusals';
import { checkBeforeStart } from './database/startup-checks';
import { ROOT_LOGGER, rootLogger } from './logging/logging.module';

async function bootstrap(): Promise<void> {
  // Validate the configuration before Nest starts, so a bad variable gets a one-line message.
  const config = appConfig();
  const { port, shutdownDelayMs, shutdownGraceMs } = config;
  // The first line says which database this instance uses, before anything can fail on it.
  const log = rootLogger(config.logLevel, config.logFormat);
  log.info(
    { context: 'Bootstrap' },
    `livechat-survey starting (Node ${process.version}), database: ${describeDatabase(config.database)}`,
  );
  // The data directory's owner, the ports, a reachable MONGODB_URI: refused before anything starts.
  try {
    await checkBeforeStart(config, log);
  } catch (error) {
    if (!(error instanceof StartRefusedError)) throw error;
    log.error({ context: 'Bootstrap' }, error.message);
    exitSoon();
    return;
  }
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
  // The one line that says the service is up shows at every LOG_LEVEL: a child logger at info.
  const docs = config.apiDocsUi ? '/api-docs' : '/api-docs-json';
  app
    .get<PinoLogger>(ROOT_LOGGER)
    .child({ context: 'Bootstrap' }, { level: 'info' })
    .info(
      `livechat-survey listening on port ${port}, database: ${describeDatabase(config.database)}, ` +
        `API docs: http://localhost:${port}${docs}, reports page: http://localhost:${port}/reports/`,
    );

  // SIGTERM: keep serving for SHUTDOWN_DELAY_MS (load balancers may still route here), stop
  // accepting, let in-flight requests finish, and only then close the database and Redis
  // (Nest's app.close() runs module-destroy hooks before it stops the server); exit 0. A drain
  // that outlives SHUTDOWN_GRACE_MS exits 1.
  const shutdown = async (signal: string) => {
    shuttingDown = true;
    logger.log(
      `${signal}: shutting down (serving ${shutdownDelayMs} ms more, then grace ${shutdownGraceMs} ms)`,
      'Bootstrap',
    );
    await sleep(shutdownDelayMs);
    setTimeout(() => process.exit(1), shutdownGraceMs).unref();
    await stopAccepting(app.getHttpServer());
    await app.close();
  };
  const onSignal = (signal: string) => {
    shutdown(signal).then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
}

/** Resolves once the server accepts nothing more and its last request has been answered. */
function stopAccepting(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    // Keep-alive connections with no request in progress would otherwise hold the drain open.
    server.closeIdleConnections();
  });
}

bootstrap().catch((error: unknown) => {
  // A configuration error is the expected failure here: print its message, not a stack.
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
