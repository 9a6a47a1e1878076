import { createHash, randomBytes } from 'node:crypto';
import { randomId } from '../../src/common/random-id';
import type { Scope } from '../../src/reports/scopes';
import type { Doc } from './factories';

/** How Rocket.Chat stores a login or personal access token: base64 of its SHA-256. */
export const hashLoginToken = (token: string) =>
  createHash('sha256').update(token).digest('base64');

/** A Rocket.Chat user with a login token, stored as Rocket.Chat stores it (hashed). */
export function rocketChatUser(roles: string[], overrides: Record<string, unknown> = {}) {
  const token = randomBytes(32).toString('base64url');
  const hashedToken = hashLoginToken(token);
  const user: Doc = {
    _id: randomId(),
    username: `user.${randomId().slice(0, 6).toLowerCase()}`,
    type: 'user',
    active: true,
    roles,
    services: {
      password: { bcrypt: '$2b$10$notarealhash' },
      resume: {
        loginTokens: [
          { when: new Date(), hashedToken: hashLoginToken('other') },
          { when: new Date(), hashedToken },
        ],
      },
    },
    ...overrides,
  };
  const headers = { 'X-User-Id': user._id, 'X-Auth-Token': token };
  return { user, token, headers };
}

/** A new API key and its digest (REPORTS_API_KEYS lists digests: read-only keys). */
export function apiKey() {
  const key = randomBytes(32).toString('base64url');
  return { key, digest: createHash('sha256').update(key).digest('hex') };
}

/** A new API key with scopes: `entry` is what API_KEYS lists for it. */
export function scopedApiKey(...scopes: Scope[]) {
  const made = apiKey();
  return {
    ...made,
    entry: `${made.digest}:${scopes.join('+')}`,
    header: { 'X-Api-Key': made.key },
  };
}
