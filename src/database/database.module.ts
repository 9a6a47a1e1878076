import { Module } from '@nestjs/common';
import { MongooseModule, type MongooseModuleFactoryOptions } from '@nestjs/mongoose';
import { appConfig, type AppConfig } from '../config/app.config';
import { BACKGROUND_CONNECTION } from './background-connection';
import { failWritesOnDestroyedSockets } from './driver-socket-race';
import { EmbeddedDatabaseService } from './embedded-database.service';

failWritesOnDestroyedSockets();

@Module({ providers: [EmbeddedDatabaseService], exports: [EmbeddedDatabaseService] })
export class EmbeddedDatabaseModule {}

/** One connection's settings; only the pool differs between the two. */
async function connectionOptions(
  config: AppConfig,
  embedded: EmbeddedDatabaseService,
  maxPoolSize: number | undefined,
): Promise<MongooseModuleFactoryOptions> {
  return {
    ...(await embedded.connectionUri()),
    maxPoolSize,
    serverSelectionTimeoutMS: config.database.serverSelectionTimeoutMS,
    // A connected server that stops answering: without these the driver waits for its reply
    // (and for a pooled connection, or a new one's handshake) for minutes. The driver's
    // timeoutMS would bound the whole operation, but the driver in use ignores it.
    socketTimeoutMS: config.database.operationTimeoutMS,
    connectTimeoutMS: config.database.operationTimeoutMS,
    waitQueueTimeoutMS: config.database.operationTimeoutMS,
    monitorCommands: config.database.monitorCommands,
    // Fail fast instead of queueing requests while the database is away.
    bufferCommands: false,
    // Indexes are created by ensureDeclaredIndexes: only missing ones, nothing changed.
    autoIndex: false,
    retryWrites: true,
    // Reached already (checkBeforeStart): no second round of @nestjs/mongoose's own retries.
    retryAttempts: 0,
  };
}

/**
 * Two connections to the same database: the requests' (DB_MAX_POOL_SIZE), and the background
 * work's (DB_BACKGROUND_POOL_SIZE: webhook polls and deliveries, the room.closed watcher), so
 * that a poll never holds a connection a request waits for. Both are closed on shutdown.
 */
@Module({
  imports: [
    MongooseModule.forRootAsync({
      imports: [EmbeddedDatabaseModule],
      inject: [appConfig.KEY, EmbeddedDatabaseService],
      useFactory: (config: AppConfig, embedded: EmbeddedDatabaseService) =>
        connectionOptions(config, embedded, config.database.maxPoolSize),
    }),
    MongooseModule.forRootAsync({
      connectionName: BACKGROUND_CONNECTION,
      imports: [EmbeddedDatabaseModule],
      inject: [appConfig.KEY, EmbeddedDatabaseService],
      useFactory: (config: AppConfig, embedded: EmbeddedDatabaseService) =>
        connectionOptions(config, embedded, config.database.backgroundPoolSize),
    }),
  ],
})
export class DatabaseModule {}
