import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { FerretDbProcess } from '../../src/database/ferretdb.process';

/**
 * One real database server for the run; each test file gets its own database on it. FerretDB
 * (SQLite) by default; a real mongod when MONGOMS_SYSTEM_BINARY names one.
 */
export default async function globalSetup(): Promise<void> {
  const mongod = process.env.MONGOMS_SYSTEM_BINARY;
  if (mongod) {
    const { MongoMemoryServer } = await import('mongodb-memory-server-core');
    const server = await MongoMemoryServer.create({ binary: { systemBinary: mongod } });
    process.env.TEST_MONGODB_URL = server.getUri();
    process.env.TEST_DATABASE_KIND = 'mongod';
    (globalThis as Record<string, unknown>).__testDatabase = () => server.stop();
    return;
  }
  const ferretdb = await FerretDbProcess.start({
    binary: resolve(__dirname, '../../.cache/ferretdb-v1.24.2/ferretdb'),
    dataDir: mkdtempSync(join(tmpdir(), 'livechat-survey-test-')),
    port: 0,
  });
  process.env.TEST_MONGODB_URL = ferretdb.uri;
  process.env.TEST_DATABASE_KIND = 'ferretdb';
  (globalThis as Record<string, unknown>).__testDatabase = () => ferretdb.stop();
}
