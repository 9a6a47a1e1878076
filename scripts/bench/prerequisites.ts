import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildAppConfig } from '../../src/config/app.config';

export const PROJECT_ROOT = resolve(__dirname, '..', '..');
const SERVICE_ENTRY = join(PROJECT_ROOT, 'dist', 'main.js');

/**
 * Builds what the bench runs when it is missing: the service (also when a source file is newer
 * than the build, so a stale dist/ is never measured) and, when it is used, the FerretDB binary.
 */
export function ensurePrerequisites(needFerretDb: boolean): { ferretDbBinary: string } {
  if (!existsSync(SERVICE_ENTRY) || newestMtime(join(PROJECT_ROOT, 'src')) > mtime(SERVICE_ENTRY)) {
    npm('build');
  }
  const { FERRETDB_BIN } = process.env;
  const ferretDbBinary = buildAppConfig({ FERRETDB_BIN }).database.embedded.binary;
  if (needFerretDb && !existsSync(ferretDbBinary)) npm('ferretdb:build');
  return { ferretDbBinary };
}

function npm(script: string): void {
  console.log(`bench: npm run ${script}`);
  const result = spawnSync('npm', ['run', script], { cwd: PROJECT_ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`npm run ${script} failed`);
}

const mtime = (path: string) => statSync(path).mtimeMs;

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : mtime(path));
  }
  return newest;
}
