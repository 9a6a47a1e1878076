import { MongoClient } from 'mongodb';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildAppConfig, EMBEDDED_DB_OPERATION_TIMEOUT_MS } from '../../src/config/app.config';
import { FERRETDB_VERSION } from '../../src/database/embedded-database.settings';
import { FerretDbProcess, freePort } from '../../src/database/ferretdb.process';
import { withDatabaseName } from './database-uri';
import { PRODUCTION_NODE_OPTIONS } from './servers';

export interface ReportService {
  /** The livechat API's base URL. */
  url: string;
  child: ChildProcess;
}

/**
 * The built service as the report benches run it: the image's Node options, a reports:read API
 * key, no rate limits, and (on the bench's own FerretDB) the embedded default's operation bound;
 * resolves once it answers /health/live.
 */
export async function startReportService(options: {
  uri: string;
  key: string;
  /** The checkout whose dist/main.js runs (default this one). */
  dir?: string;
  ownFerretDb: boolean;
  env?: Record<string, string>;
}): Promise<ReportService> {
  const dir = options.dir ?? resolve(__dirname, '..', '..');
  const port = await freePort();
  const child = spawn(process.execPath, [join(dir, 'dist', 'main.js')], {
    cwd: dir,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      // BENCH_NODE_OPTIONS: as `npm run bench` (e.g. the image's options before a change).
      NODE_OPTIONS: process.env.BENCH_NODE_OPTIONS ?? PRODUCTION_NODE_OPTIONS,
      MONGODB_URI: options.uri,
      PORT: String(port),
      // METRICS_PORT 0: never clashes with a running `npm start`.
      METRICS_PORT: '0',
      // On its own FerretDB, the embedded default's bound (a MongoDB URI would get 3 s).
      ...(options.ownFerretDb && {
        DB_OPERATION_TIMEOUT_MS: String(EMBEDDED_DB_OPERATION_TIMEOUT_MS),
      }),
      API_KEYS: `${createHash('sha256').update(options.key).digest('hex')}:reports:read`,
      RATE_LIMIT_ENABLED: 'false',
      LOG_LEVEL: 'warn',
      ...options.env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; i < 200; i++) {
    const up = await fetch(`http://127.0.0.1:${port}/health/live`).then(
      (res) => res.ok,
      () => false,
    );
    if (up) break;
    await new Promise((done) => setTimeout(done, 250));
  }
  return { url: `http://127.0.0.1:${port}/api/v1/livechat`, child };
}

/** Where a report bench's rooms live. */
export interface ReportDatabase {
  /** A fresh database, named after the bench and the time. */
  uri: string;
  /** Connected to `uri`, for the bench's seeding. */
  client: MongoClient;
  /** On the bench's own FerretDB (its figures are FerretDB's scans), not on BENCH_MONGODB_URI. */
  ownFerretDb: boolean;
  /** The database, as the bench's report names it. */
  where: string;
  /** Drops the database, closes the client, stops the bench's own FerretDB and removes its data. */
  close: () => Promise<void>;
}

/**
 * A fresh database for a report bench: on BENCH_MONGODB_URI when set (and `mongodbAllowed`),
 * else on a FerretDB of the bench's own in a temporary directory.
 */
export async function openReportDatabase(
  name: string,
  mongodbAllowed = true,
): Promise<ReportDatabase> {
  const database = `${name}_${Date.now().toString(36)}`;
  const external = mongodbAllowed ? process.env.BENCH_MONGODB_URI : undefined;
  if (external) return connected(withDatabaseName(external, database), false);
  const dataDir = mkdtempSync(join(tmpdir(), `${name.replace(/_/g, '-')}-`));
  const ferretdb = await FerretDbProcess.start({
    binary: buildAppConfig({}).database.embedded.binary,
    dataDir,
    port: 0,
    // BENCH_FERRETDB_GOGC=100: Go's default, as FerretDB ran before it was tuned ("before" figures).
    goGc: process.env.BENCH_FERRETDB_GOGC ? Number(process.env.BENCH_FERRETDB_GOGC) : undefined,
  });
  return connected(withDatabaseName(ferretdb.uri, database), true, async () => {
    await ferretdb.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });
}

async function connected(
  uri: string,
  ownFerretDb: boolean,
  stop: () => Promise<void> = async () => {},
): Promise<ReportDatabase> {
  const client = await MongoClient.connect(uri);
  return {
    uri,
    client,
    ownFerretDb,
    where: ownFerretDb ? `FerretDB ${FERRETDB_VERSION} (SQLite), embedded` : 'BENCH_MONGODB_URI',
    close: async () => {
      await client
        .db()
        .dropDatabase()
        .catch(() => undefined);
      await client.close();
      await stop();
    },
  };
}
