import { setTimeout as sleep } from 'node:timers/promises';
import { mongo } from 'mongoose';
import type { AppConfig } from '../config/app.config';
import { describeHosts } from './connection-string';
import { claimDirectoryAndPorts, StartRefusedError } from './start-refusals';

/** What start-up checks log with: the root pino logger, written at once (not buffered by Nest). */
export interface StartupLog {
  warn(fields: object, message: string): void;
}

const RETRY_DELAY_MS = 1000;

/**
 * Everything that can refuse a start before a database is started or connected to: the data
 * directory's owner (embedded), the ports, then (MONGODB_URI) a database that answers. Nothing
 * is left running when one fails.
 */
export async function checkBeforeStart(config: AppConfig, log: StartupLog): Promise<void> {
  await claimDirectoryAndPorts(config);
  if (config.database.uri) await waitForDatabase(config.database, log);
}

/**
 * Connects to MONGODB_URI until it answers a ping, within DB_STARTUP_TIMEOUT_MS: each failed
 * attempt is one warning as it happens, and running out of time one error (the caller's).
 */
export async function waitForDatabase(
  database: AppConfig['database'],
  log: StartupLog,
): Promise<void> {
  const uri = database.uri!;
  const where = describeHosts(uri);
  const started = Date.now();
  const deadline = started + database.startupTimeoutMS;
  for (let attempt = 1; ; attempt++) {
    // Each attempt ends whole within its share: no handshake outlives it, nor the process.
    const attemptMs = Math.max(
      100,
      Math.min(database.serverSelectionTimeoutMS, deadline - Date.now()),
    );
    const client = new mongo.MongoClient(uri, {
      serverSelectionTimeoutMS: attemptMs,
      connectTimeoutMS: attemptMs,
    });
    let cause: string;
    let retry: boolean;
    try {
      await client.connect();
      await client.db(database.dbName).command({ ping: 1 });
      return;
    } catch (error) {
      ({ cause, retry } = describeFailure(error));
    } finally {
      await client.close().catch(() => undefined);
    }
    log.warn(
      { context: 'Database' },
      `database connection attempt ${attempt} to ${where} failed: ${cause}`,
    );
    if (!retry) {
      throw new StartRefusedError(
        `database at ${where} refused this service: ${cause}; check MONGODB_URI`,
      );
    }
    if (Date.now() + RETRY_DELAY_MS >= deadline) {
      const seconds = Math.round((Date.now() - started) / 1000);
      throw new StartRefusedError(
        `database at ${where} not reachable after ${attempt} attempt${attempt === 1 ? '' : 's'} in ${seconds} s ` +
          `(last: ${cause}): check MONGODB_URI and that the database runs, or raise ` +
          'DB_STARTUP_TIMEOUT_MS',
      );
    }
    await sleep(RETRY_DELAY_MS);
  }
}

const NETWORK_CAUSES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  ETIMEDOUT: 'no answer (timed out)',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
};

/** One short phrase for a failed attempt, and whether trying again can help. */
export function describeFailure(error: unknown): { cause: string; retry: boolean } {
  // A server selection time-out carries the server's own last error, when it had one.
  const servers = (
    error as { reason?: { servers?: Map<string, { error?: unknown; type?: string }> } }
  ).reason?.servers;
  const described = servers ? [...servers.values()] : [];
  const serverError = described.find((s) => s.error)?.error;
  const failure = serverError ?? error;
  for (let e: unknown = failure; e; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK_CAUSES[code]) {
      return { cause: NETWORK_CAUSES[code], retry: true };
    }
  }
  if (failure instanceof mongo.MongoNetworkTimeoutError) {
    return { cause: 'no answer (timed out)', retry: true };
  }
  if (failure instanceof mongo.MongoNetworkError) {
    return { cause: `network error (${short(failure.message)})`, retry: true };
  }
  if (failure instanceof mongo.MongoServerSelectionError) {
    // No reply to the handshake in time (a silent host, a port that is no MongoDB): the same
    // as the handshake's own time-out, whichever of the two came first.
    if (described.every((s) => s.type === 'Unknown')) {
      return { cause: 'no answer (timed out)', retry: true };
    }
    return { cause: 'no suitable server (a replica set without a primary?)', retry: true };
  }
  if (failure instanceof mongo.MongoServerError) {
    const auth = failure.code === 18 || /auth/i.test(failure.message);
    return { cause: auth ? 'authentication failed' : short(failure.message), retry: false };
  }
  return { cause: short((failure as Error)?.message ?? String(failure)), retry: false };
}

const short = (text: string) => (text.length > 120 ? `${text.slice(0, 117)}...` : text);
