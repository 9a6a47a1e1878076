import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { appConfig, type AppConfig } from '../config/app.config';
import { failWritesOnDestroyedSockets } from './driver-socket-race';
import { EmbeddedDatabaseService } from './embedded-database.service';

failWritesOnDestroyedSockets();

@Module({ providers: [EmbeddedDatabaseService], exports: [EmbeddedDatabaseService] })
export class EmbeddedDatabaseModule {}

@Module({
  imports: [
    MongooseModule.forRootAsync({
      imports: [EmbeddedDatabaseModule],
      inject: [appConfig.KEY, EmbeddedDatabaseService],
      useFactory: async (config: AppConfig, embedded: EmbeddedDatabaseService) => ({
        ...(await embedded.connectionUri()),
        maxPoolSize: config.database.maxPoolSize,
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
      }),
    }),
  ],
})
export class DatabaseModule {}
