import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { appConfig, type AppConfig } from '../config/app.config';
import { FerretDbProcess } from './ferretdb.process';

/**
 * The embedded database's connection pool, by measurement (docs/BENCHMARKS.md, pool phase):
 * FerretDB shares the machine's two cores with the service, and with more connections the
 * queries only queue inside it, with a far worse tail. DB_MAX_POOL_SIZE overrides it.
 */
export const EMBEDDED_DB_POOL_SIZE = 2;

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
  async connectionUri(): Promise<{ uri: string; dbName?: string; maxPoolSize?: number }> {
    const { uri, embedded } = this.config.database;
    if (uri) return { uri };
    this.process = await FerretDbProcess.start({
      binary: embedded.binary,
      dataDir: embedded.dataDir,
      port: embedded.port,
    });
    this.logger.log(
      `embedded FerretDB (SQLite) on 127.0.0.1:${this.process.port}, data in ${embedded.dataDir}`,
    );
    return { uri: this.process.uri, dbName: embedded.dbName, maxPoolSize: EMBEDDED_DB_POOL_SIZE };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.process?.stop();
  }
}
