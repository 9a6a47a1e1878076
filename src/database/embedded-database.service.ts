import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { appConfig, type AppConfig } from '../config/app.config';
import { FerretDbProcess } from './ferretdb.process';

/**
 * Starts the embedded FerretDB when no MONGODB_URI is configured. Its module sits below the
 * Mongoose connection, so Nest shuts it down after the connection has closed.
 */
@Injectable()
export class EmbeddedDatabaseService implements OnApplicationShutdown {
  private readonly logger = new Logger('EmbeddedDatabase');
  private process?: FerretDbProcess;

  constructor(@Inject(appConfig.KEY) private readonly config: AppConfig) {}

  /** The connection string to use, starting FerretDB first when needed. */
  async connectionUri(): Promise<{ uri: string; dbName?: string }> {
    const { uri, dbName, embedded } = this.config.database;
    if (uri) return dbName ? { uri, dbName } : { uri };
    this.process = await FerretDbProcess.start({
      binary: embedded.binary,
      dataDir: embedded.dataDir,
      port: embedded.port,
    });
    this.logger.log(
      `embedded FerretDB (SQLite) on 127.0.0.1:${this.process.port}, data in ${embedded.dataDir}`,
    );
    return { uri: this.process.uri, dbName: embedded.dbName };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.process?.stop();
  }
}
