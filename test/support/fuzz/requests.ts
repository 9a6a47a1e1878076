import fc from 'fast-check';
import {
  AWKWARD_KEYS,
  awkwardString,
  field,
  jsonValue,
  objectWith,
  operatorObject,
  urlString,
} from './inputs';
import { percentEncode, queryString, RAW_URL_PIECES, requestBody, type RawBody } from './wire';
import type { FuzzWorld } from './world';

/**
 * What the fuzzer sends to each route: mostly hostile input, mixed with requests built from
 * the seeded tokens and rids (one position fuzzed, or none) so that every check gets reached.
 */

/** A fresh visitor token. */
const freshToken = fc.string({
  unit: fc.constantFrom(...'0123456789abcdef'),
  minLength: 8,
  maxLength: 64,
});

const realValue = (world: FuzzWorld) => fc.constantFrom(...world.tokens, ...world.rids);
const awkwardKey = fc.oneof(fc.constantFrom(...AWKWARD_KEYS), fc.string({ maxLength: 6 }));

/** Mostly `good` (3 in 4), else `other`. */
const mostly = <T>(good: fc.Arbitrary<T>, other: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 3, arbitrary: good }, { weight: 1, arbitrary: other });

export function surveyBodies(
  world: FuzzWorld,
  survey: { items: readonly string[]; values: readonly string[] },
): fc.Arbitrary<RawBody> {
  const real = realValue(world);
  const names = mostly(
    fc.constantFrom(...survey.items, 'additionalFeedback'),
    fc.constantFrom(...AWKWARD_KEYS),
  );
  const values = mostly(fc.constantFrom(...survey.values, '0', '6', ' 5'), awkwardString);
  const item = objectWith({ name: field(names, real), value: field(values, real) }, real);
  const goodData = fc.array(fc.record({ name: names, value: values }), {
    minLength: 1,
    maxLength: 4,
  });
  const token = field(fc.constantFrom(...world.tokens), real);
  const rid = field(fc.constantFrom(...world.rids), real);
  const anyItem = fc.oneof(
    { weight: 6, arbitrary: item },
    { weight: 1, arbitrary: operatorObject(real) },
    { weight: 1, arbitrary: jsonValue(real) },
  );
  const data = mostly(fc.array(anyItem, { maxLength: 4 }), jsonValue(real));
  const ownRoom = fc
    .tuple(fc.constantFrom(...world.pairs), goodData, fc.nat(3), token, rid, data)
    .map(([pair, good, fuzzed, otherToken, otherRid, otherData]) => ({
      token: fuzzed === 1 ? otherToken : pair.token,
      rid: fuzzed === 2 ? otherRid : pair.rid,
      data: fuzzed === 3 ? otherData : good,
    }));
  return requestBody(fc.oneof(objectWith({ token, rid, data }, real), ownRoom), real);
}

/** A fuzzed room.close body, or a room to open (GET room) and close, perhaps twice. */
export function closeCases(world: FuzzWorld) {
  const real = realValue(world);
  const token = field(fc.constantFrom(...world.tokens), real);
  const rid = field(fc.constantFrom(...world.rids), real);
  const fuzzed = requestBody(objectWith({ token, rid }, real), real).map((raw) => ({ raw }));
  const lifecycle = fc.record({
    token: fc.constantFrom(...world.tokens),
    extra: mostly(
      fc.constant(null),
      fc.tuple(fc.constantFrom(...AWKWARD_KEYS), jsonValue(real)).map((e) => e as typeof e | null),
    ),
    twice: fc.boolean(),
  });
  return fc.oneof({ weight: 3, arbitrary: fuzzed }, { weight: 1, arbitrary: lifecycle });
}

export function visitorBodies(world: FuzzWorld): fc.Arbitrary<RawBody> {
  const real = realValue(world);
  const tokens = fc.oneof(fc.constantFrom(...world.tokens), freshToken);
  const keys = fc.constantFrom('plan', 'city', 'x-y_z', ...AWKWARD_KEYS);
  const customField = objectWith(
    {
      key: field(keys, real),
      value: field(awkwardString, real),
      overwrite: field(fc.boolean(), real),
    },
    real,
  );
  const visitor = objectWith(
    {
      token: field(tokens, real),
      name: field(awkwardString, real),
      email: field(fc.constantFrom('jane@example.com', ' Ada@Example.COM ', ''), real),
      department: field(fc.constantFrom(...world.departments), real),
      phone: field(fc.constantFrom('+15550100', ''), real),
      username: field(fc.oneof(awkwardString, fc.constantFrom('guest-3', '')), real),
      customFields: field(fc.array(customField, { maxLength: 3 }), real),
    },
    real,
  );
  const plausible = fc.record(
    {
      token: fc.oneof(tokens, awkwardString),
      name: awkwardString,
      department: mostly(fc.constantFrom(...world.departments), awkwardString),
      customFields: fc.array(
        fc.record({ key: keys, value: awkwardString, overwrite: fc.boolean() }),
        { maxLength: 3 },
      ),
    },
    { requiredKeys: ['token'] },
  );
  const body = fc.oneof(
    { weight: 3, arbitrary: objectWith({ visitor: mostly(visitor, jsonValue(real)) }, real) },
    { weight: 2, arbitrary: plausible.map((v) => ({ visitor: v })) },
  );
  return requestBody(body, real);
}

export function roomQueries(world: FuzzWorld): fc.Arbitrary<string> {
  const real = fc.constantFrom(...world.tokens, ...world.rids, ...world.agentIds);
  const values = fc.oneof(real, urlString);
  const keys = mostly(fc.constantFrom('token', 'rid', 'agentId'), awkwardKey);
  const plausible = fc
    .record({
      token: fc.constantFrom(...world.tokens),
      rid: fc.option(fc.oneof(fc.constantFrom(...world.rids), values), { freq: 2 }),
      agentId: fc.option(values, { freq: 2 }),
    })
    .map((query) =>
      Object.entries(query)
        .flatMap(([k, v]) => (v === null ? [] : [`${k}=${percentEncode(v)}`]))
        .join('&'),
    );
  return fc.oneof(queryString(keys, values), plausible);
}

export function configQueries(world: FuzzWorld): fc.Arbitrary<string> {
  const keys = mostly(fc.constantFrom('token', 'department', 'businessUnit'), awkwardKey);
  return queryString(keys, fc.oneof(fc.constantFrom(...world.tokens), urlString));
}

export interface PathToken {
  /** The token the segment decodes to; undefined for a raw URL piece. */
  token?: string;
  segment: string;
}

/** A path token: percent-encoded (real or awkward), or a raw URL piece left as it is. */
export function pathTokens(world: FuzzWorld): fc.Arbitrary<PathToken> {
  const encoded = fc
    .oneof(fc.constantFrom(...world.tokens), urlString)
    .map((token) => ({ token, segment: percentEncode(token) }));
  const raw = fc.constantFrom(...RAW_URL_PIECES).map((segment) => ({ segment }));
  return fc.oneof({ weight: 8, arbitrary: encoded }, { weight: 1, arbitrary: raw });
}

/** A path token, or a fresh visitor to register first, then erase. */
export function erasureCases(world: FuzzWorld) {
  const fresh = fc
    .oneof(freshToken, urlString)
    .map((token) => ({ token, segment: percentEncode(token), fresh: true }));
  const existing = pathTokens(world).map((path) => ({ ...path, fresh: false }));
  return fc.oneof({ weight: 3, arbitrary: existing }, { weight: 1, arbitrary: fresh });
}
