import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** The demo manager's login token and the demo API key (secrets: the database keeps digests). */
export interface DemoCredentials {
  managerToken: string;
  apiKey: string;
}

/**
 * Where seed:demo keeps them between runs, in the project's (git-ignored) data folder: a second
 * run reuses them, so an open reports page stays signed in and a service already configured
 * with the key's digest keeps accepting it, with no restart.
 */
const FILE = resolve(process.cwd(), '.data', 'demo-credentials.json');

/** The last run's credentials, or new ones (`created`), kept for the next run. */
export function demoCredentials(): DemoCredentials & { created: boolean } {
  const kept = read();
  if (kept) return { ...kept, created: false };
  const fresh = {
    managerToken: randomBytes(32).toString('base64url'),
    apiKey: randomBytes(32).toString('base64url'),
  };
  mkdirSync(dirname(FILE), { recursive: true });
  writeFileSync(FILE, `${JSON.stringify(fresh, null, 2)}\n`, { mode: 0o600 });
  return { ...fresh, created: true };
}

function read(): DemoCredentials | undefined {
  if (!existsSync(FILE)) return undefined;
  try {
    const { managerToken, apiKey } = JSON.parse(readFileSync(FILE, 'utf8')) as DemoCredentials;
    if (typeof managerToken === 'string' && typeof apiKey === 'string') {
      return { managerToken, apiKey };
    }
  } catch {
    // Unreadable: replaced by new ones, as on a first run.
  }
  return undefined;
}

/** Rocket.Chat's stored form of a login token (`services.resume.loginTokens[].hashedToken`). */
export const hashedLoginToken = (token: string) =>
  createHash('sha256').update(token).digest('base64');

/** The digest API_KEYS lists for a key. */
export const apiKeyDigest = (key: string) => createHash('sha256').update(key).digest('hex');

export const DEMO_CREDENTIALS_FILE = FILE;
