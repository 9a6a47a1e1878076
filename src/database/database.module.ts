import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { appConfig, type AppConfig } from '../config/app.config';
import { EmbeddedDatabaseService } from './embedded-database.service';

@Module({ providers: [EmbeddedDatabaseService], exports: [EmbeddedDatabaseService] })
class EmbeddedDatabaseModule {}

@Module({
  imports: [
    MongooseModule.forRootAsync({
      imports: [EmbeddedDatabaseModule],
      inject: [appConfig.KEY, EmbeddedDatabaseService],
      useFactory: async (config: AppConfig, embedded: EmbeddedDatabaseService) => ({
        ...(await embedded.connectionUri()),
        maxPoolSize: config.database.maxPoolSize,
        serverSelectionTimeoutMS: config.database.serverSelectionTimeoutMS,
        monitorCommands: config.database.monitorCommands,
        // Fail fast instead of queueing requests while the database is away.
        bufferCommands: false,
        // Indexes are created by ensureDeclaredIndexes: only missing ones, nothing changed.
        autoIndex: false,
        retryWrites: true,
      }),
    }),
  ],
})
export class DatabaseModule {}
