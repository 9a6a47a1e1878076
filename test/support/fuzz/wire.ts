import fc from 'fast-check';
import { awkwardString, jsonValue } from './inputs';

/**
 * How generated input travels: body text under a content type (mostly JSON, sometimes
 * malformed, scalar, array, mislabelled or over the limit), and URL pieces (percent-encoded,
 * or raw garbage).
 */

/** A request body as sent: its text and content type (none when undefined). */
export interface RawBody {
  contentType: string | undefined;
  text: string;
}

const MALFORMED = [
  '',
  ' ',
  'null',
  '5',
  'true',
  '"str"',
  '"a long JSON string body"',
  '[]',
  '[{}]',
  '{',
  '}',
  '{"token":',
  'undefined',
  'NaN',
  '\ufeff{}',
  '{"a":1}{"b":2}',
  "{'token':'t'}",
  '{"token":"t",}',
  'token=t&rid=r',
  '\u0000',
];

// Just over the 1 MB body limit.
const OVERSIZED = JSON.stringify({ token: 'x'.repeat(1024 * 1024 + 10) });

const CONTENT_TYPES = [
  undefined,
  '',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/json; charset=utf-8',
  'application/json;charset=latin1',
  'APPLICATION/JSON',
  'application/vnd.api+json',
  'application/json-patch+json',
  'text/application/json',
  'application/xml',
  '*/*',
  'json',
];

/** Mostly JSON of `json` as application/json; else malformed, scalar, array or mislabelled. */
export function requestBody(json: fc.Arbitrary<unknown>, real: fc.Arbitrary<string>) {
  const asJson = json.map((value) => JSON.stringify(value) ?? '');
  const text = fc.oneof(
    { weight: 480, arbitrary: asJson },
    { weight: 20, arbitrary: fc.tuple(asJson, fc.nat()).map(([s, n]) => s.slice(0, n % s.length)) },
    { weight: 40, arbitrary: fc.constantFrom(...MALFORMED) },
    { weight: 20, arbitrary: jsonValue(real).map((value) => JSON.stringify(value) ?? '') },
    { weight: 20, arbitrary: awkwardString },
    { weight: 20, arbitrary: fc.array(json, { maxLength: 2 }).map((a) => JSON.stringify(a)) },
    { weight: 1, arbitrary: fc.constant(OVERSIZED) },
  );
  const contentType = fc.oneof(
    { weight: 12, arbitrary: fc.constant('application/json') },
    { weight: 2, arbitrary: fc.constantFrom(...CONTENT_TYPES) },
  );
  return fc.record<RawBody>({ contentType, text });
}

const UNRESERVED = /[A-Za-z0-9_~-]/;

/** Percent-encodes the UTF-8 bytes (a lone surrogate travels as U+FFFD, as a browser sends it). */
export function percentEncode(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const char = String.fromCharCode(byte);
    out += UNRESERVED.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Raw URL pieces a client may send, left as they are. */
export const RAW_URL_PIECES = ['%', '%zz', '%FF', '%C0%80', '%00', '..', '.', '%2e%2e', '%2F', '+'];

/** A query string of `keys=values` pairs, some repeated or bare, some raw garbage. */
export function queryString(keys: fc.Arbitrary<string>, values: fc.Arbitrary<string>) {
  const pair = fc.oneof(
    {
      weight: 10,
      arbitrary: fc.tuple(keys, values).map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`),
    },
    { weight: 1, arbitrary: keys.map(percentEncode) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(...RAW_URL_PIECES, '=', 'token[$ne]=x', 'token[]=a', 'a=%E0%A4%A'),
    },
  );
  return fc.array(pair, { maxLength: 4 }).map((pairs) => pairs.join('&'));
}
