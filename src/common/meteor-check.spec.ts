import { REGISTER_VISITOR_PATTERN } from '../livechat/visitor/dto/register-visitor.dto';
import { deeperThan, Match, matchError, MAX_DESCRIBED_DEPTH, type Pattern } from './meteor-check';

// Rocket.Chat's pattern for POST livechat/visitor.
const VISITOR: Pattern = REGISTER_VISITOR_PATTERN;

describe("matchError (Meteor's check wording)", () => {
  it.each([
    [{}, "Match error: Missing key 'visitor'"],
    [{ visitor: {} }, "Match error: Missing key 'token' in field visitor"],
    [{ visitor: { token: 't' }, foo: 1 }, 'Match error: Unknown key in field foo'],
    [{ visitor: { token: 5 } }, 'Match error: Expected string, got number in field visitor.token'],
    [
      { visitor: { token: 't', name: 5 } },
      'Match error: Expected string, got number in field visitor.name',
    ],
    [
      { visitor: { token: 't', name: null } },
      'Match error: Expected string, got null in field visitor.name',
    ],
    [{ visitor: { name: 5 } }, 'Match error: Expected string, got number in field visitor.name'],
    [{ visitor: 'x' }, 'Match error: Expected object, got string in field visitor'],
    [{ visitor: null }, 'Match error: Expected object, got null in field visitor'],
    [{ visitor: [] }, 'Match error: Expected plain object in field visitor'],
    [[], 'Match error: Expected plain object'],
    [
      { visitor: { token: 't', customFields: 'x' } },
      'Match error: Expected array, got "x" in field visitor.customFields',
    ],
    [
      { visitor: { token: 't', customFields: [{ key: 'a', value: 'b' }] } },
      "Match error: Missing key 'overwrite' in field visitor.customFields[0]",
    ],
    [
      { visitor: { token: 't', customFields: [{ key: 'a', value: 1, overwrite: true }] } },
      'Match error: Expected string, got number in field visitor.customFields[0].value',
    ],
    [{ visitor: { token: 't' }, 'my-key': 1 }, 'Match error: Unknown key in field my-key'],
  ])('%j → %s', (value, message) => {
    expect(matchError(value, VISITOR)).toBe(message);
  });

  it('accepts extra keys inside ObjectIncluding and absent optional keys', () => {
    expect(matchError({ visitor: { token: 't', extra: { any: 1 } } }, VISITOR)).toBeNull();
    expect(
      matchError(
        {
          visitor: {
            token: 't',
            name: 'n',
            customFields: [{ key: 'k', value: 'v', overwrite: false }],
          },
        },
        VISITOR,
      ),
    ).toBeNull();
  });

  it('quotes keys that are not identifiers in paths, as Meteor does', () => {
    expect(matchError({ 'a-b': { x: 1 } }, { 'a-b': { y: String } })).toBe(
      'Match error: Unknown key in field ["a-b"].x',
    );
    expect(matchError({ class: 1 }, { class: String })).toBe(
      'Match error: Expected string, got number in field ["class"]',
    );
  });

  it('words a failed Maybe outside an object as Match.OneOf', () => {
    expect(matchError(5, Match.Maybe(String))).toBe(
      'Match error: Failed Match.OneOf, Match.Maybe or Match.Optional validation',
    );
    expect(matchError(null, Match.Maybe(String))).toBeNull();
  });

  it('prints a value up to MAX_DESCRIBED_DEPTH levels deep, and names the type of a deeper one', () => {
    const nested = (depth: number): unknown => {
      let value: unknown = [];
      for (let i = 1; i < depth; i++) value = [value];
      return value;
    };
    const atLimit = { a: nested(MAX_DESCRIBED_DEPTH - 1) };
    expect(matchError({ visitor: { token: 't', customFields: atLimit } }, VISITOR)).toBe(
      `Match error: Expected array, got ${JSON.stringify(atLimit)} in field visitor.customFields`,
    );
    for (const depth of [MAX_DESCRIBED_DEPTH, 60_000, 1_000_000]) {
      expect(
        matchError({ visitor: { token: 't', customFields: { a: nested(depth) } } }, VISITOR),
      ).toBe('Match error: Expected array, got object in field visitor.customFields');
    }
  });
});

describe('deeperThan', () => {
  it('counts the levels of objects and arrays, scalars not included', () => {
    expect(deeperThan('x', 0)).toBe(false);
    expect(deeperThan({}, 0)).toBe(true);
    expect(deeperThan({ a: [1, { b: 'x' }] }, 3)).toBe(false);
    expect(deeperThan({ a: [1, { b: {} }] }, 3)).toBe(true);
  });
});
