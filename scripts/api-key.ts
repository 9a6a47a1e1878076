/**
 * Prints a new random API key, its SHA-256 digest and the API_KEYS entry that gives it its scopes
 * (`--scope reports:read --scope webhooks:manage`, or `--scope reports:read,webhooks:manage`;
 * none: reports:read). The service keeps only digests, never keys.
 */
import { createHash, randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { isScope, SCOPES, type Scope } from '../src/reports/scopes';

const USAGE = `usage: npm run api-key -- [--scope <scope>]... (scopes: ${SCOPES.join(', ')}; default reports:read)`;

/** The scopes asked for, in the order given, once each; an error names the first bad one. */
function requestedScopes(args: string[]): Scope[] {
  const { values } = parseArgs({
    args,
    options: { scope: { type: 'string', multiple: true } },
    strict: true,
    allowPositionals: false,
  });
  const names = (values.scope ?? ['reports:read']).flatMap((value) =>
    value.split(',').map((name) => name.trim()),
  );
  const unknown = names.find((name) => !isScope(name));
  if (unknown !== undefined) throw new Error(`unknown scope ${JSON.stringify(unknown)}`);
  return [...new Set(names as Scope[])];
}

function main(): void {
  let scopes: Scope[];
  try {
    scopes = requestedScopes(process.argv.slice(2));
  } catch (error) {
    console.error(`api-key: ${(error as Error).message}\n${USAGE}`);
    process.exit(1);
  }
  const key = randomBytes(32).toString('base64url');
  const digest = createHash('sha256').update(key).digest('hex');
  console.log(`API key (give it to the client, header X-Api-Key): ${key}`);
  console.log(`digest: ${digest}`);
  console.log(`scopes: ${scopes.join(', ')}`);
  console.log(
    `API_KEYS entry (add it to API_KEYS, entries comma-separated): ${digest}:${scopes.join('+')}`,
  );
}

main();
