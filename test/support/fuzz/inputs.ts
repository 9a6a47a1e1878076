import fc from 'fast-check';

/**
 * Generators of hostile input for the public routes: wrong types, operator objects, prototype
 * keys, Mongo paths, NUL, lone surrogates, emoji, ~200 KB strings, nested JSON. `real` values
 * (seeded tokens and rids) are mixed into every position so that deeper code paths run.
 */

/** Keys and names that break naive code: prototype keys, Mongo operators and paths, NUL. */
export const AWKWARD_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '$ne',
  '$gt',
  '$where',
  '$set',
  '$',
  'a.b',
  '.',
  'v.token',
  'livechatData.x',
  '\u0000',
  'a\u0000b',
  '',
  ' ',
];

const AWKWARD_STRINGS = [
  ...AWKWARD_KEYS,
  '.*',
  '{"$ne":null}',
  '🙂',
  '👩‍👩‍👧‍👦',
  '\u202e',
  '\ufeff',
  'null',
  'undefined',
  '12',
  'ab\u0000cd\u0000ef\u0000gh',
];

const KB = 1024;

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));

/** Up to `maxKb` KB of one repeated snippet, measured in its JSON encoding. */
const repeated = (maxKb: number) =>
  fc
    .tuple(
      fc.string({ unit: 'binary', minLength: 1, maxLength: 6 }),
      fc.integer({ min: 1, max: maxKb }),
    )
    .map(([unit, kb]) => {
      const bytes = Buffer.byteLength(JSON.stringify(unit)) - 2;
      return unit.repeat(Math.max(1, Math.floor((kb * KB) / bytes)));
    });

const shortString = fc.oneof(
  { weight: 30, arbitrary: fc.string({ maxLength: 24 }) },
  { weight: 15, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
  { weight: 15, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  {
    weight: 8,
    arbitrary: fc.string({
      unit: fc.oneof(loneSurrogate, fc.constantFrom('a', '🙂')),
      maxLength: 6,
    }),
  },
  { weight: 20, arbitrary: fc.constantFrom(...AWKWARD_STRINGS) },
);

/** Any string a body may carry, sometimes up to ~200 KB (the body limit is 1 MB). */
export const awkwardString: fc.Arbitrary<string> = fc.oneof(
  { weight: 200, arbitrary: shortString },
  { weight: 1, arbitrary: repeated(200) },
);

/**
 * Any string a URL may carry: up to 2 KB, since Node answers a request line over its 16 KB
 * header limit itself (431, no body) before the application sees it.
 */
export const urlString: fc.Arbitrary<string> = fc.oneof(
  { weight: 60, arbitrary: shortString },
  { weight: 1, arbitrary: repeated(2).map((s) => s.slice(0, 700)) },
);

const key = fc.oneof(fc.constantFrom(...AWKWARD_KEYS), fc.string({ maxLength: 8 }));

/** An object with exactly these own entries, `__proto__` included (no prototype is set). */
const fromEntries = (entries: Array<[string, unknown]>) => Object.fromEntries(entries);

export function operatorObject(real: fc.Arbitrary<string>): fc.Arbitrary<object> {
  return fc.oneof(
    fc.constantFrom(
      { $ne: null },
      { $gt: '' },
      { $regex: '.*' },
      { $exists: true },
      { $nin: [] },
      { $where: 'return true' },
      { $expr: { $eq: [1, 1] } },
      { $oid: '5f1c0e7d2a9b4c3e8d6f1a2b' },
      { $date: '2026-01-01T00:00:00Z' },
      fromEntries([['__proto__', { $ne: null }]]),
    ),
    real.map((value) => ({ $in: [value] })),
    real.map((value) => ({ $eq: value })),
  );
}

/** Any JSON value, nested a few levels, with awkward keys and leaves. */
export function jsonValue(real: fc.Arbitrary<string>): fc.Arbitrary<unknown> {
  const leaf = fc.oneof(
    { weight: 4, arbitrary: awkwardString },
    { weight: 2, arbitrary: real },
    { weight: 2, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null)) },
    { weight: 2, arbitrary: operatorObject(real) },
  );
  return fc.letrec<{ value: unknown; array: unknown[]; object: Record<string, unknown> }>(
    (tie) => ({
      value: fc.oneof({ maxDepth: 3, depthSize: 'small' }, leaf, tie('array'), tie('object')),
      array: fc.array(tie('value'), { maxLength: 3 }),
      object: fc.array(fc.tuple(key, tie('value')), { maxLength: 3 }).map(fromEntries),
    }),
  ).value;
}

/** A value for one documented position: mostly `good` (real or plausible), else anything. */
export function field(good: fc.Arbitrary<unknown>, real: fc.Arbitrary<string>) {
  return fc.oneof(
    { weight: 8, arbitrary: good },
    { weight: 4, arbitrary: awkwardString },
    { weight: 2, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null)) },
    { weight: 2, arbitrary: operatorObject(real) },
    { weight: 2, arbitrary: jsonValue(real) },
  );
}

/**
 * An object with the documented keys, each usually present, sometimes extra keys (awkward
 * names), in a rotated order.
 */
export function objectWith(
  fields: Record<string, fc.Arbitrary<unknown>>,
  real: fc.Arbitrary<string>,
): fc.Arbitrary<Record<string, unknown>> {
  const known = Object.entries(fields).map(([name, arbitrary]) =>
    fc.option(
      arbitrary.map((value): [string, unknown] => [name, value]),
      { freq: 6 },
    ),
  );
  const extras = fc.oneof(
    { weight: 6, arbitrary: fc.constant([]) },
    { weight: 1, arbitrary: fc.array(fc.tuple(key, jsonValue(real)), { maxLength: 2 }) },
  );
  return fc.tuple(fc.tuple(...known), extras, fc.nat()).map(([present, extra, turn]) => {
    const entries = [...present.filter((entry) => entry !== null), ...extra];
    const at = entries.length ? turn % entries.length : 0;
    return fromEntries([...entries.slice(at), ...entries.slice(0, at)]);
  });
}
