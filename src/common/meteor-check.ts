/**
 * Meteor's `check` (packages/check/match.js), for the patterns Rocket.Chat's livechat routes use:
 * its verdicts and its "Match error: ..." wording, which clients of those routes parse.
 */
class Maybe {
  constructor(readonly pattern: Pattern) {}
}
class ObjectIncluding {
  constructor(readonly pattern: Record<string, Pattern>) {}
}

export type Pattern =
  | StringConstructor
  | NumberConstructor
  | BooleanConstructor
  | Maybe
  | ObjectIncluding
  | [Pattern]
  | { [key: string]: Pattern };

export const Match = {
  Maybe: (pattern: Pattern) => new Maybe(pattern),
  ObjectIncluding: (pattern: Record<string, Pattern>) => new ObjectIncluding(pattern),
};

interface Failure {
  message: string;
  path: string;
}

/** The Match error message for `value`, or null when it matches `pattern`. */
export function matchError(value: unknown, pattern: Pattern): string | null {
  const failure = testSubtree(value, pattern);
  if (!failure) return null;
  return `Match error: ${failure.message}${failure.path ? ` in field ${failure.path}` : ''}`;
}

const TYPES = new Map<unknown, string>([
  [String, 'string'],
  [Number, 'number'],
  [Boolean, 'boolean'],
]);

function testSubtree(value: unknown, pattern: Pattern): Failure | null {
  const type = TYPES.get(pattern);
  if (type) {
    if (typeof value === type) return null;
    return { message: `Expected ${type}, got ${value === null ? 'null' : typeof value}`, path: '' };
  }
  if (Array.isArray(pattern)) {
    if (!Array.isArray(value)) {
      return { message: `Expected array, got ${describe(value)}`, path: '' };
    }
    for (let i = 0; i < value.length; i++) {
      const failure = testSubtree(value[i], pattern[0]);
      if (failure) return { ...failure, path: prependPath(i, failure.path) };
    }
    return null;
  }
  if (pattern instanceof Maybe) {
    // Outside an object, Maybe is OneOf(undefined, null, pattern), with Meteor's own wording.
    if (value === undefined || value === null || !testSubtree(value, pattern.pattern)) return null;
    return { message: 'Failed Match.OneOf, Match.Maybe or Match.Optional validation', path: '' };
  }
  return testObject(value, pattern as ObjectIncluding | Record<string, Pattern>);
}

function testObject(value: unknown, pattern: ObjectIncluding | Record<string, Pattern>) {
  const unknownKeysAllowed = pattern instanceof ObjectIncluding;
  const keys = pattern instanceof ObjectIncluding ? pattern.pattern : pattern;
  if (typeof value !== 'object')
    return { message: `Expected object, got ${typeof value}`, path: '' };
  if (value === null) return { message: 'Expected object, got null', path: '' };
  if (!isPlainObject(value)) return { message: 'Expected plain object', path: '' };

  const required = new Map<string, Pattern>();
  const optional = new Map<string, Pattern>();
  for (const [key, sub] of Object.entries(keys)) {
    if (sub instanceof Maybe) optional.set(key, sub.pattern);
    else required.set(key, sub);
  }
  for (const [key, sub] of Object.entries(value)) {
    // Inside an object a Maybe key is tested against its inner pattern: null fails, as in Meteor.
    const subPattern = required.get(key) ?? optional.get(key);
    if (subPattern === undefined) {
      if (!unknownKeysAllowed) return { message: 'Unknown key', path: key };
      continue;
    }
    const failure = testSubtree(sub, subPattern);
    if (failure) return { ...failure, path: prependPath(key, failure.path) };
    required.delete(key);
  }
  const [missing] = required.keys();
  return missing === undefined ? null : { message: `Missing key '${missing}'`, path: '' };
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === null || proto === Object.prototype;
}

/**
 * Deepest nesting whose text a Match error prints. JSON.stringify recurses, and a value nested
 * some thousands of levels deep (a few KB of brackets) exhausts the stack: Meteor itself then
 * fails with a RangeError (a 500). Deeper values are described by their type, Meteor's own
 * wording for a value it cannot print (stringForErrorMessage's fallback for circular values).
 */
export const MAX_DESCRIBED_DEPTH = 100;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (deeperThan(value, MAX_DESCRIBED_DEPTH)) return typeof value;
  // EJSON's text for JSON data; undefined (no JSON text) reads "undefined" as in Meteor.
  return JSON.stringify(value) ?? 'undefined';
}

/** Whether objects and arrays nest more than `limit` levels in `value`; without recursion. */
export function deeperThan(value: unknown, limit: number): boolean {
  const pending: Array<[unknown, number]> = [[value, 1]];
  while (pending.length > 0) {
    const [node, depth] = pending.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    if (depth > limit) return true;
    for (const child of Object.values(node)) pending.push([child, depth + 1]);
  }
  return false;
}

const JS_KEYWORDS = new Set(
  'do if in for let new try var case else enum eval false null this true void with break catch class const super throw while yield delete export import public return static switch typeof default extends finally package private continue debugger function arguments interface protected implements instanceof'.split(
    ' ',
  ),
);

function prependPath(key: string | number, base: string): string {
  let segment = String(key);
  if (typeof key === 'number' || /^[0-9]+$/.test(segment)) segment = `[${segment}]`;
  else if (!/^[a-z_$][0-9a-z_$.[\]]*$/i.test(segment) || JS_KEYWORDS.has(segment)) {
    segment = JSON.stringify([segment]);
  }
  return base && base[0] !== '[' ? `${segment}.${base}` : segment + base;
}
