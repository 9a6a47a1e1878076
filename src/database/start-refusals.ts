import { createServer } from 'node:net';
import type { AppConfig } from '../config/app.config';
import type { DataDirectoryLock } from './data-directory.lock';
import { claimDataDirectory } from './ferretdb.process';

// No database driver here: `npm start` runs these before building (scripts/prestart.ts), and
// loading one would only slow its answer.

/** A start that must not go on: its message is the one error line the service prints. */
export class StartRefusedError extends Error {}

/**
 * `npm start`'s first step (scripts/prestart.ts): the same refusals as the service's own start
 * (the data directory's owner, the ports), before anything is built, so that a second start
 * is refused at once and leaves the running one's files alone. Holds nothing afterwards.
 */
export async function checkStartable(config: AppConfig): Promise<void> {
  (await claimDirectoryAndPorts(config))?.release();
}

/** The data directory's owner (embedded: its lock, kept) and the ports the service listens on. */
export async function claimDirectoryAndPorts(
  config: AppConfig,
): Promise<DataDirectoryLock | undefined> {
  const { uri, embedded } = config.database;
  let lock: DataDirectoryLock | undefined;
  if (!uri) {
    try {
      lock = await claimDataDirectory(embedded.dataDir);
    } catch (error) {
      throw new StartRefusedError((error as Error).message);
    }
  }
  await assertPortFree('PORT', config.port);
  if (config.metricsPort) await assertPortFree('METRICS_PORT', config.metricsPort);
  // FerretDB listens on 127.0.0.1 only; whatever holds that port is no FerretDB of this directory.
  if (!uri) await assertPortFree('EMBEDDED_DB_PORT', embedded.port, '127.0.0.1');
  return lock;
}

/** Listening on `port` the way the service will (all interfaces, or `host`), and closing at once. */
async function assertPortFree(name: string, port: number, host?: string): Promise<void> {
  const server = createServer();
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, resolve);
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'EADDRINUSE'
        ? 'is in use (another livechat-survey, or another program)'
        : `cannot be listened on (${code ?? (error as Error).message})`;
    throw new StartRefusedError(`${name} ${port} ${why}: stop what uses it, or set ${name}`);
  } finally {
    await new Promise((done) => server.close(done));
  }
}
