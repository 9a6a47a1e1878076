// `npm start`'s first step: the embedded database is built only when it will be used, and a
// machine that cannot build it is told both ways out at once (scripts/ferretdb-build.sh).
const { spawnSync } = require('node:child_process');
const { existsSync, readFileSync } = require('node:fs');
const { resolve } = require('node:path');
const { parseEnv } = require('node:util');

const root = resolve(__dirname, '..');
const dotenv = resolve(root, '.env');
// The service reads .env too (@nestjs/config); the process environment wins, as there.
const env = {
  ...(existsSync(dotenv) ? parseEnv(readFileSync(dotenv, 'utf8')) : {}),
  ...process.env,
};

if (env.MONGODB_URI) {
  console.log('MONGODB_URI is set: the embedded database is not needed, nothing to build');
  process.exit(0);
}
if (env.FERRETDB_BIN) {
  if (existsSync(env.FERRETDB_BIN)) process.exit(0);
  console.error(`FERRETDB_BIN names ${env.FERRETDB_BIN}, which does not exist`);
  process.exit(1);
}
const build = spawnSync('bash', [resolve(__dirname, 'ferretdb-build.sh')], { stdio: 'inherit' });
process.exit(build.status ?? 1);
