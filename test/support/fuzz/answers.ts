import Ajv2020 from 'ajv/dist/2020';
import type { RawResponse } from './raw-client';

/** The public routes, as the fuzzer counts them. */
export type Route =
  | 'POST room.survey'
  | 'POST room.close'
  | 'POST visitor'
  | 'GET visitor/:token'
  | 'DELETE visitor/:token'
  | 'GET room'
  | 'GET config';

type Body = Record<string, unknown>;

const isObject = (value: unknown): value is Body =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isId = (value: unknown) => typeof value === 'string' && value.length > 0;

/** Each route's documented success body: exactly these keys, with these types. */
const SUCCESS: Record<Route, (body: Body) => boolean> = {
  'POST room.survey': (b) =>
    keys(b, 'rid', 'data', 'success') &&
    typeof b.rid === 'string' &&
    isObject(b.data) &&
    Object.values(b.data).every((v) => typeof v === 'string'),
  'POST room.close': (b) =>
    keys(b, 'rid', 'comment', 'success') &&
    typeof b.rid === 'string' &&
    b.comment === 'Closed by visitor',
  'POST visitor': (b) =>
    keys(b, 'visitor', 'success') && isObject(b.visitor) && isId(b.visitor._id),
  'GET visitor/:token': (b) =>
    keys(b, 'visitor', 'success') && isObject(b.visitor) && isId(b.visitor._id),
  'DELETE visitor/:token': (b) =>
    keys(b, 'visitor', 'success') &&
    isObject(b.visitor) &&
    keys(b.visitor, '_id', 'ts') &&
    !Number.isNaN(Date.parse(String(b.visitor.ts))),
  'GET room': (b) =>
    keys(b, 'room', 'newRoom', 'success') &&
    isObject(b.room) &&
    isId(b.room._id) &&
    typeof b.newRoom === 'boolean',
  'GET config': (b) =>
    keys(b, 'config', 'success') && isObject(b.config) && typeof b.config.enabled === 'boolean',
};

function keys(body: Body, ...expected: string[]): boolean {
  const actual = Object.keys(body);
  return (
    actual.length === expected.length &&
    expected.every((k) => actual.includes(k)) &&
    (expected.includes('success') ? body.success === true : true)
  );
}

// POST visitor's errors in Rocket.Chat's Meteor.Error shape, with `details: {method}`.
const WITH_DETAILS = [
  'error-invalid-token',
  'error-invalid-custom-field',
  'error-too-many-custom-fields',
];

/** `{success:false, error}`, optionally `errorType`, and `details` only for POST visitor's. */
function isErrorEnvelope(body: Body): boolean {
  const allowed = ['success', 'error', 'errorType'];
  if (WITH_DETAILS.includes(body.errorType as string)) allowed.push('details');
  return (
    body.success === false &&
    typeof body.error === 'string' &&
    (!('errorType' in body) || typeof body.errorType === 'string') &&
    (!('details' in body) || isObject(body.details)) &&
    Object.keys(body).every((k) => allowed.includes(k))
  );
}

/**
 * The properties every answer of every route has: never 5xx, JSON with exactly
 * `application/json`, a documented envelope (200: the route's success shape; 4xx: the error
 * envelope), and an error never quoting the visitor token unless the request also carried that
 * string somewhere Meteor's wording quotes (an unknown key, a bad value), as Rocket.Chat does.
 */
export function expectDocumentedAnswer(
  route: Route,
  res: RawResponse,
  sent: { token?: unknown; elsewhere?: unknown },
): Body {
  expect(res.status).toBeLessThan(500);
  expect(res.contentType).toBe('application/json');
  const body = JSON.parse(res.text) as unknown;
  if (!isObject(body)) throw new Error(`${route} answered a non-object: ${res.text.slice(0, 200)}`);
  if (res.status === 200) {
    if (!SUCCESS[route](body))
      throw new Error(`${route}: undocumented success ${res.text.slice(0, 500)}`);
    return body;
  }
  expect(res.status).toBeGreaterThanOrEqual(400);
  if (!isErrorEnvelope(body))
    throw new Error(`${route}: undocumented error ${res.text.slice(0, 500)}`);
  const token = sent.token;
  if (typeof token === 'string' && token.length >= 8 && !mentions(sent.elsewhere, token)) {
    expect(JSON.stringify(body).includes(JSON.stringify(token).slice(1, -1))).toBe(false);
    expect(String(body.error).includes(token)).toBe(false);
  }
  return body;
}

/** Whether a key or string anywhere in `value` contains `text`. */
function mentions(value: unknown, text: string): boolean {
  if (typeof value === 'string') return value.includes(text);
  if (typeof value !== 'object' || value === null) return false;
  return Object.entries(value).some(([k, v]) => k.includes(text) || mentions(v, text));
}

// The oracle: Rocket.Chat's validator settings, compiled here independently of the service.
const ajv = new Ajv2020({ coerceTypes: true, allowUnionTypes: true });

/** A validator answering Rocket.Chat's first message (null when valid; coerces in place). */
export function paramsJudge(schema: object): (value: unknown) => string | null {
  const validate = ajv.compile(schema);
  return (value) => (validate(value) ? null : (validate.errors?.[0]?.message ?? ''));
}

/** How Rocket.Chat's router reads a body (shared/api/room.survey-params.md). */
export function readAsRocketChat(contentType: string | undefined, text: string): unknown {
  if (!contentType?.includes('application/json') || text.length === 0) return {};
  try {
    const value = JSON.parse(Buffer.from(text, 'utf8').toString('utf8')) as unknown;
    return Array.isArray(value) ? value : { ...(value as object) };
  } catch {
    return {};
  }
}

export const invalidParams = (message: string) =>
  JSON.stringify({
    success: false,
    error: `${message} [invalid-params]`,
    errorType: 'invalid-params',
  });
export const bracketed = (type: string, message?: string) =>
  JSON.stringify({
    success: false,
    error: message ? `${message} [${type}]` : `[${type}]`,
    errorType: type,
  });
export const plain = (error: string) => JSON.stringify({ success: false, error });
export const PAYLOAD_TOO_LARGE = bracketed('payload-too-large');

/** Express's body limit ('1mb'). */
export const BODY_LIMIT = 1024 * 1024;
