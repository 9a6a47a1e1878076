/**
 * `npm start`'s first step, before anything is built (scripts/build.js runs next): the service's
 * own start-up refusals first (the configuration, the data directory's owner, the ports), so a
 * second `npm start` beside a running one stops at once and rebuilds nothing under it; then the
 * embedded database is built, only when it will be used, and a machine that cannot build it is
 * told both ways out at once (scripts/ferretdb-build.sh).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildAppConfig } from '../src/config/app.config';
import { readEnvironment } from '../src/config/env-file';
import { checkStartable } from '../src/database/start-refusals';

async function prestart(): Promise<number> {
  const env = readEnvironment();
  const config = buildAppConfig(env);
  await checkStartable(config);
  if (config.database.uri) {
    console.log('MONGODB_URI is set: the embedded database is not needed, nothing to build');
    return 0;
  }
  if (env.FERRETDB_BIN) {
    if (existsSync(env.FERRETDB_BIN)) return 0;
    console.error(`FERRETDB_BIN names ${env.FERRETDB_BIN}, which does not exist`);
    return 1;
  }
  const build = spawnSync('bash', [resolve(__dirname, 'ferretdb-build.sh')], { stdio: 'inherit' });
  return build.status ?? 1;
}

prestart().then(
  (code) => process.exit(code),
  (error: unknown) => {
    // A refused start or a bad variable: its message alone, as the service prints it.
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
