import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');

/**
 * A script as `npm run …` runs it, with only the environment given, in the project folder (or
 * `cwd`: where its `.env` is read).
 */
export function runScript(
  script: string,
  env: Record<string, string>,
  cwd = ROOT,
  ...args: string[]
) {
  const run = spawnSync(
    process.execPath,
    [
      resolve(ROOT, 'node_modules/ts-node/dist/bin.js'),
      '--transpile-only',
      resolve(ROOT, script),
      ...args,
    ],
    { cwd, env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8', timeout: 60_000 },
  );
  return { status: run.status, output: run.stdout + run.stderr };
}
