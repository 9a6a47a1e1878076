import { timingSafeEqual } from 'node:crypto';
import type { LoginUser } from '../livechat/agent/agent.repository';

/** Rocket.Chat roles that may read reports. */
const MANAGER_ROLES = ['admin', 'livechat-manager'];

const DAY_MS = 86_400_000;

/** A token as Rocket.Chat stores it in `services.resume.loginTokens[]`, as far as we read it. */
interface StoredToken {
  hashedToken: string;
  /** When a login token was made; a personal access token has none. */
  when?: unknown;
  type?: unknown;
}

/** Constant-time equality; a length difference is no secret. */
export function same(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The stored tokens of a user, whatever shape the document has: entries that are not, skipped. */
function storedTokens(user: LoginUser): StoredToken[] {
  const resume = isRecord(user.services) ? user.services.resume : undefined;
  const tokens = isRecord(resume) ? resume.loginTokens : undefined;
  if (!Array.isArray(tokens)) return [];
  return tokens.filter(
    (entry): entry is StoredToken => isRecord(entry) && typeof entry.hashedToken === 'string',
  );
}

/**
 * The user's stored token whose hash is `hashed` (base64 of the token's SHA-256, as Rocket.Chat
 * stores it), or undefined. Every token is compared: the time taken says nothing of which matched.
 */
export function matchingToken(user: LoginUser, hashed: Buffer): StoredToken | undefined {
  let matched: StoredToken | undefined;
  for (const token of storedTokens(user)) {
    if (same(hashed, Buffer.from(token.hashedToken))) matched = token;
  }
  return matched;
}

/**
 * Whether a stored token still holds. Meteor expires a login token `lifetimeDays` (asked only
 * when needed) after its `when`, a Date, or a number of milliseconds as older Meteor versions
 * stored it (its expiry job matches both); a personal access token has no `when` and never expires.
 */
export async function unexpired(
  token: StoredToken,
  lifetimeDays: () => Promise<number>,
  now = Date.now(),
): Promise<boolean> {
  if (token.type === 'personalAccessToken') return true;
  const when = token.when instanceof Date ? token.when.getTime() : token.when;
  if (typeof when !== 'number' || !Number.isFinite(when)) return false;
  return when > now - (await lifetimeDays()) * DAY_MS;
}

/** Rocket.Chat keeps a deactivated user, with `active: false`: no credential of theirs holds. */
export const isActive = (user: LoginUser): boolean => user.active === true;

/** Whether the user's roles include a manager's (roles is an array of names in Rocket.Chat). */
export const isManager = (user: LoginUser): boolean =>
  Array.isArray(user.roles) && user.roles.some((role) => MANAGER_ROLES.includes(role as string));
