import { buildAppConfig } from '../config/app.config';
import { API_KEYS_SYNTAX, parseApiKeys, scopesByDigest } from './api-keys';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const HINT = ` (API_KEYS is ${API_KEYS_SYNTAX})`;

/** The start-up message for API_KEYS=value (what the service prints before exiting 1). */
function refusal(value: string): string {
  try {
    buildAppConfig({ API_KEYS: value });
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`API_KEYS=${value} was accepted`);
}

describe('API_KEYS', () => {
  it('reads digests (lower-cased) with their scopes; scope names keep their colons', () => {
    const config = buildAppConfig({
      API_KEYS: ` ${A.toUpperCase()}:reports:read+webhooks:manage , ${B}:survey-links:create `,
    });
    expect(config.reports.apiKeys).toEqual([
      { digest: A, scopes: ['reports:read', 'webhooks:manage'] },
      { digest: B, scopes: ['survey-links:create'] },
    ]);
  });

  it('is empty when unset or blank', () => {
    expect(buildAppConfig({}).reports.apiKeys).toEqual([]);
    expect(buildAppConfig({ API_KEYS: ' , ' }).reports.apiKeys).toEqual([]);
  });

  it.each([
    [
      `${A}:reports:write`,
      `entry 1 (aaaaaaaaaaaa…): unknown scope "reports:write" (known: reports:read, webhooks:manage, survey-links:create, followups:write)`,
    ],
    [`${A}:reports:read++webhooks:manage`, 'entry 1 (aaaaaaaaaaaa…): unknown scope ""'],
    [`${A}:`, 'entry 1 (aaaaaaaaaaaa…) lists no scope: add ":" and scopes joined by "+"'],
    [A, 'entry 1 (aaaaaaaaaaaa…) lists no scope'],
    [
      `${B}:reports:read,${A}:reports:read,${B}:webhooks:manage`,
      'entry 3 (bbbbbbbbbbbb…) repeats the digest of entry 1: give one entry all its scopes',
    ],
    [`${A}:reports:read+reports:read`, 'entry 1 (aaaaaaaaaaaa…) lists reports:read twice'],
    [`${A}:reports:read,,${B}:reports:read`, 'entry 2 is empty'],
    [
      `${'a'.repeat(63)}:reports:read`,
      `entry 1: before the first ":" must be the key's SHA-256 digest, 64 hex characters (npm run api-key prints it), never the key itself`,
    ],
  ])('refuses %s at start-up, naming the entry', (value, problem) => {
    const message = refusal(value);
    expect(message).toMatch(/^Invalid configuration:\n {2}API_KEYS: /);
    expect(message).toContain(problem);
    expect(message.endsWith(HINT)).toBe(true);
  });

  it('never quotes what stands where the digest should be: it may be the key itself', () => {
    const key = 'my-secret-key-in-the-wrong-place';
    const message = refusal(`${key}:reports:read`);
    expect(message).toContain('entry 1: before the first ":"');
    expect(message).not.toContain(key);
  });

  it('names every bad entry at once', () => {
    expect(parseApiKeys(`x:reports:read,${A}:nope,${B}:reports:read`).problems).toEqual([
      expect.stringMatching(/^entry 1: before the first ":"/),
      expect.stringMatching(/^entry 2 \(aaaaaaaaaaaa…\): unknown scope "nope"/),
    ]);
  });
});

describe('scopesByDigest', () => {
  it('gives REPORTS_API_KEYS digests reports:read only, API_KEYS digests their own, a digest in both the union', () => {
    const table = scopesByDigest([A, B], [{ digest: B, scopes: ['webhooks:manage'] }]);
    expect([...table.get(A)!]).toEqual(['reports:read']);
    expect([...table.get(B)!].sort()).toEqual(['reports:read', 'webhooks:manage']);
    expect(table.size).toBe(2);
  });
});
