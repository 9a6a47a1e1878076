import type { INestApplication } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import type { Connection, mongo } from 'mongoose';
import request from 'supertest';
import { AppModule } from '../../src/app.module';
import { configureApp } from '../../src/app.setup';
import { appConfig, buildAppConfig, type AppConfig } from '../../src/config/app.config';
import { MetricsService } from '../../src/metrics/metrics.service';
import { BACKGROUND } from '../../src/webhooks/webhook.schema';
import { contractRecorder, violations } from './contract';
import type { Doc } from './factories';

export interface TestApp {
  app: INestApplication;
  config: AppConfig;
  http: () => ReturnType<typeof request>;
  /** The metrics server (METRICS_PORT: 0 in tests, a free port). */
  metrics: () => ReturnType<typeof request>;
  metricsPort: number;
  db: mongo.Db;
  rooms: mongo.Collection<Doc>;
  visitors: mongo.Collection<Doc>;
  /** Database commands the service sent while `action` ran (its own database only). */
  countCommands: (action: () => Promise<unknown>) => Promise<string[]>;
  /** The same commands whole (filters, updates), as the driver sent them. */
  captureCommands: (action: () => Promise<unknown>) => Promise<mongo.CommandStartedEvent[]>;
  close: () => Promise<void>;
}

let databases = 0;

/**
 * The real application on the run's real database server, in a database of its own. `env` is
 * validated exactly as at start-up.
 */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const base = process.env.TEST_MONGODB_URL;
  if (!base) throw new Error('TEST_MONGODB_URL is not set: run the e2e project through jest');
  const dbName = `t${process.pid}_${Date.now().toString(36)}_${databases++}`;
  const config = buildAppConfig({
    NODE_ENV: 'test',
    MONGODB_URI: `${base.replace(/\/$/, '')}/${dbName}`,
    DB_MONITOR_COMMANDS: 'true',
    // Explicit in every test app: limits high enough never to bite (their headers are part of
    // the contract); a test that needs real limits sets its own.
    RATE_LIMIT_ENABLED: 'true',
    RATE_LIMIT_MAX: '1000000',
    RATE_LIMIT_STRICT_MAX: '1000000',
    LOG_LEVEL: 'silent',
    // Many test apps run at once: each gets a free port for its metrics.
    METRICS_PORT: '0',
    ...env,
  });
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
    .overrideProvider(appConfig.KEY)
    .useValue(config)
    .compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({
    bodyParser: false,
    logger: ['error', 'warn'],
  });
  app.use(contractRecorder(config.rateLimit.enabled));
  configureApp(app);
  await app.init();

  const metricsPort = app.get(MetricsService).port;
  const connection = app.get<Connection>(getConnectionToken());
  const db = connection.db!;
  const client = connection.getClient();
  const captureCommands = async (action: () => Promise<unknown>) => {
    const seen: mongo.CommandStartedEvent[] = [];
    const listener = (event: mongo.CommandStartedEvent) => {
      // The webhooks' dispatcher and hook count poll beside requests: not a request's work.
      if (event.command.comment === BACKGROUND.comment) return;
      if (event.databaseName === dbName) seen.push(event);
    };
    client.on('commandStarted', listener);
    try {
      await action();
    } finally {
      client.off('commandStarted', listener);
    }
    return seen;
  };
  return {
    app,
    config,
    http: () => request(app.getHttpServer()),
    metrics: () => request(`http://127.0.0.1:${metricsPort}`),
    metricsPort,
    db,
    rooms: db.collection<Doc>(config.collections.rooms),
    visitors: db.collection<Doc>(config.collections.visitors),
    captureCommands,
    async countCommands(action) {
      return (await captureCommands(action)).map((event) => event.commandName);
    },
    async close() {
      await db.dropDatabase();
      await app.close();
      // Every response this file received must keep the OpenAPI contract.
      const broken = violations.splice(0);
      if (broken.length > 0)
        throw new Error(`responses that break openapi.json:\n${broken.join('\n')}`);
    },
  };
}
