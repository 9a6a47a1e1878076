import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildAppConfig } from '../../src/config/app.config';
import { FerretDbProcess } from '../../src/database/ferretdb.process';

/**
 * One real database server for the run; each test file gets its own database on it. FerretDB
 * (SQLite) by default; a real mongod when MONGOMS_SYSTEM_BINARY names one.
 */
export default async function globalSetup(): Promise<void> {
  // Where the contract checks record the (path, method, status) triples they saw.
  process.env.CONTRACT_DIR = mkdtempSync(join(tmpdir(), 'livechat-survey-contract-'));
  const mongod = process.env.MONGOMS_SYSTEM_BINARY;
  if (mongod) {
    const { MongoMemoryServer } = await import('mongodb-memory-server-core');
    const server = await MongoMemoryServer.create({ binary: { systemBinary: mongod } });
    process.env.TEST_MONGODB_URL = server.getUri();
    process.env.TEST_DATABASE_KIND = 'mongod';
    (globalThis as Record<string, unknown>).__testDatabase = () => server.stop();
    return;
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'livechat-survey-test-'));
  const ferretdb = await FerretDbProcess.start({
    binary: buildAppConfig({ FERRETDB_BIN: process.env.FERRETDB_BIN }).database.embedded.binary,
    dataDir,
    port: 0,
  });
  process.env.TEST_MONGODB_URL = ferretdb.uri;
  process.env.TEST_DATABASE_KIND = 'ferretdb';
  (globalThis as Record<string, unknown>).__testDatabase = async () => {
    await ferretdb.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
