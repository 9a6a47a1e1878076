import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';

/**
 * The variables the configuration is built from: `.env` in the working directory (where npm runs
 * every script: the project folder), overridden by the process environment. The one reader of
 * `.env`, for the service and every script alike, so that `npm run seed` or `settings` connect
 * where `npm start` does.
 */
export function readEnvironment(
  file = resolve(process.cwd(), '.env'),
  environment: NodeJS.ProcessEnv = process.env,
): Record<string, string | undefined> {
  const fromFile = existsSync(file) ? parseEnv(readFileSync(file, 'utf8')) : {};
  return { ...fromFile, ...environment };
}
