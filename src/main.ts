import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { configureApp } from './app.setup';
import { appConfig } from './config/app.config';

async function bootstrap(): Promise<void> {
  // Validate the configuration before Nest starts, so a bad variable gets a one-line message.
  const { port } = appConfig();
  // Bodies are read per route (Rocket.Chat's rules), not by Nest's default JSON parser.
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { bodyParser: false });
  configureApp(app);
  app.enableShutdownHooks();
  await app.listen(port);
  new Logger('Bootstrap').log(`livechat-survey listening on port ${port}`);
}

bootstrap().catch((error: unknown) => {
  // A configuration error is the expected failure here: print its message, not a stack.
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
