import {
  ValidatorConstraint,
  type ValidationArguments,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { isScope, SCOPES, type Scope } from './scopes';

/** One API_KEYS entry: the SHA-256 digest (hex, lower case) of a key, and what the key may do. */
export interface ScopedKey {
  digest: string;
  scopes: readonly Scope[];
}

/**
 * API_KEYS: `<digest>:<scope>+<scope>`, entries comma-separated. The digest is 64 hex characters,
 * so the first `:` ends it although scope names hold `:` themselves; no scope name holds `+`.
 */
export const API_KEYS_SYNTAX =
  '<SHA-256 digest in hex>:<scope>+<scope>, entries comma-separated, such as ' +
  `${'0'.repeat(64)}:reports:read+webhooks:manage`;

const DIGEST = /^[0-9a-f]{64}$/;

/** The digest's first characters: enough to find the entry, and a digest is no secret. */
const label = (index: number, digest?: string) =>
  `entry ${index + 1}${digest ? ` (${digest.slice(0, 12)}…)` : ''}`;

/** The keys of API_KEYS, and every problem found (none: the keys hold). */
export function parseApiKeys(text: string): { keys: ScopedKey[]; problems: string[] } {
  const entries = text.split(',').map((entry) => entry.trim());
  if (entries.every((entry) => entry === '')) return { keys: [], problems: [] };
  const keys: ScopedKey[] = [];
  const problems: string[] = [];
  const seen = new Map<string, number>();
  entries.forEach((entry, index) => {
    const parsed = parseEntry(entry, index);
    if (typeof parsed === 'string') return problems.push(parsed);
    const first = seen.get(parsed.digest);
    if (first !== undefined) {
      return problems.push(
        `${label(index, parsed.digest)} repeats the digest of entry ${first + 1}: give one entry all its scopes`,
      );
    }
    seen.set(parsed.digest, index);
    keys.push(parsed);
  });
  return { keys, problems };
}

/** One entry, or what is wrong with it (never quoting the digest part whole: it may be a key). */
function parseEntry(entry: string, index: number): ScopedKey | string {
  if (entry === '') return `${label(index)} is empty`;
  const colon = entry.indexOf(':');
  const digest = (colon === -1 ? entry : entry.slice(0, colon)).trim().toLowerCase();
  if (!DIGEST.test(digest)) {
    return `${label(index)}: before the first ":" must be the key's SHA-256 digest, 64 hex characters (npm run api-key prints it), never the key itself`;
  }
  const names =
    colon === -1
      ? []
      : entry
          .slice(colon + 1)
          .split('+')
          .map((name) => name.trim());
  if (names.every((name) => name === '')) {
    return `${label(index, digest)} lists no scope: add ":" and scopes joined by "+"`;
  }
  const scopes: Scope[] = [];
  for (const name of names) {
    if (!isScope(name)) {
      return `${label(index, digest)}: unknown scope ${JSON.stringify(name.slice(0, 40))} (known: ${SCOPES.join(', ')})`;
    }
    if (scopes.includes(name)) return `${label(index, digest)} lists ${name} twice`;
    scopes.push(name);
  }
  return { digest, scopes };
}

// Issue 37: REPORTS_API_KEYS keys were handed to dashboards; they only read from now on.
const READ_ONLY: readonly Scope[] = ['reports:read'];

export const REPORTS_API_KEYS_WARNING =
  'REPORTS_API_KEYS is deprecated: its keys now only read reports (scope reports:read) and can no ' +
  'longer manage webhooks or make survey links. List keys with their scopes in API_KEYS instead ' +
  '(npm run api-key -- --scope reports:read prints an entry); a digest in both holds both scopes.';

/**
 * Each accepted digest and its scopes: REPORTS_API_KEYS's read only, API_KEYS's their own, and a
 * digest in both the union (a key listed in API_KEYS before it leaves REPORTS_API_KEYS is never
 * refused on the way).
 */
export function scopesByDigest(
  readOnly: readonly string[],
  scoped: readonly ScopedKey[],
): Map<string, ReadonlySet<Scope>> {
  const table = new Map<string, Set<Scope>>();
  const grant = (digest: string, scopes: readonly Scope[]) => {
    const held = table.get(digest) ?? new Set<Scope>();
    scopes.forEach((scope) => held.add(scope));
    table.set(digest, held);
  };
  readOnly.forEach((digest) => grant(digest, READ_ONLY));
  scoped.forEach((key) => grant(key.digest, key.scopes));
  return table;
}

/** The API_KEYS setting's check, with every problem in one start-up message. */
@ValidatorConstraint({ name: 'apiKeys' })
export class ApiKeysSetting implements ValidatorConstraintInterface {
  validate(text: unknown): boolean {
    return typeof text === 'string' && parseApiKeys(text).problems.length === 0;
  }

  defaultMessage({ value }: ValidationArguments): string {
    const problems = typeof value === 'string' ? parseApiKeys(value).problems : [];
    return `${problems.join('; ')} (API_KEYS is ${API_KEYS_SYNTAX})`;
  }
}
