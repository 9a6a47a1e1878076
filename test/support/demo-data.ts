import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const ROOT = resolve(__dirname, '..', '..');

export interface DemoCredentials {
  userId: string;
  token: string;
  apiKey: string;
  /** The API_KEYS entry that lets `apiKey` open the reports. */
  apiKeysEntry: string;
}

/** `npm run seed:demo` (scripts/seed-demo.ts) into `mongodbUri`, with `rooms` rooms. */
export async function seedDemo(mongodbUri: string, rooms: number): Promise<DemoCredentials> {
  // Run elsewhere than the project: seed:demo keeps its credentials in .data/ where it runs.
  const cwd = mkdtempSync(join(tmpdir(), 'livechat-survey-demo-'));
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      require.resolve('ts-node/dist/bin.js'),
      '--transpile-only',
      resolve(ROOT, 'scripts/seed-demo.ts'),
    ],
    {
      cwd,
      env: { PATH: process.env.PATH ?? '', MONGODB_URI: mongodbUri, DEMO_ROOMS: String(rooms) },
    },
  ).finally(() => rmSync(cwd, { recursive: true, force: true }));
  const exported = /export RC_USER=(\S+) RC_TOKEN=(\S+) API_KEY=(\S+)/.exec(stdout);
  const entry = /^\s*API_KEYS=(\S+)/m.exec(stdout);
  if (!exported || !entry) throw new Error(`seed:demo printed no credentials:\n${stdout}`);
  return {
    userId: exported[1],
    token: exported[2],
    apiKey: exported[3],
    apiKeysEntry: entry[1],
  };
}
