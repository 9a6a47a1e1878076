import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { exitSoon } from '../common/exit-soon';
import { appConfig, type AppConfig } from '../config/app.config';
import { FerretDbProcess } from './ferretdb.process';

/** The wait before the first restart, doubled for each next one in a row. */
const FERRETDB_RESTART_BACKOFF_MS = 1000;

/**
 * Starts the embedded FerretDB when no MONGODB_URI is configured, and restarts it (same port,
 * same data) when it exits on its own. Its module sits below the Mongoose connection, so Nest
 * shuts it down after the connection has closed.
 */
@Injectable()
export class EmbeddedDatabaseService implements OnApplicationShutdown {
  private readonly logger = new Logger('EmbeddedDatabase');
  private process?: FerretDbProcess;
  /** Both connections (DatabaseModule) ask: one FerretDB for the two. */
  private uri?: Promise<{ uri: string; dbName?: string }>;

  constructor(@Inject(appConfig.KEY) private readonly config: AppConfig) {}

  /** The connection string to use, starting FerretDB first when needed (once). */
  connectionUri(): Promise<{ uri: string; dbName?: string }> {
    this.uri ??= this.start();
    return this.uri;
  }

  private async start(): Promise<{ uri: string; dbName?: string }> {
    const { uri, dbName, embedded } = this.config.database;
    if (uri) return dbName ? { uri, dbName } : { uri };
    this.process = await FerretDbProcess.start({
      binary: embedded.binary,
      dataDir: embedded.dataDir,
      port: embedded.port,
      supervise: {
        maxRestarts: embedded.maxRestarts,
        backoffMs: FERRETDB_RESTART_BACKOFF_MS,
        log: this.logger,
        onGiveUp: (message) => {
          this.logger.error(message);
          // A process manager (systemd, Kubernetes, compose) restarts the service, FerretDB too.
          exitSoon();
        },
      },
    });
    this.logger.log(
      `embedded FerretDB (SQLite) on 127.0.0.1:${this.process.port}, data in ${embedded.dataDir}`,
    );
    return { uri: this.process.uri, dbName: embedded.dbName };
  }

  /** Why the embedded FerretDB is not serving (exited, restarting); undefined while it runs. */
  get down(): string | undefined {
    return this.process?.down;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.process?.stop();
  }
}
