import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, Matches, Max, Min, type ValidationArguments } from 'class-validator';

// Transforms read the raw variable (obj[key]): implicit conversion would already have turned
// "false" into true and a list into something else.
export type Raw = { obj: Record<string, unknown>; key: string };

const parseBoolean = ({ obj, key }: Raw): unknown =>
  obj[key] === 'true' ? true : obj[key] === 'false' ? false : obj[key];

/** `true` or `false`, nothing else (implicit conversion would read "no" as true). */
export function BooleanVariable(): PropertyDecorator {
  return (target, key) => {
    IsBoolean({ message: `${String(key)} must be true or false` })(target, key);
    Transform(parseBoolean)(target, key);
  };
}

// A list of nothing but separators (``, `,`, ` , `) is an empty list, reported as such; an
// empty entry among others (`a,,b`) is kept, and refused as a bad entry.
export const splitList = ({ obj, key }: Raw): unknown => {
  if (typeof obj[key] !== 'string') return obj[key];
  const entries = obj[key].split(',').map((entry) => entry.trim());
  return entries.every((entry) => entry === '') ? [] : entries;
};

/**
 * An integer variable: one message that says what is expected and quotes what was given (no
 * integer variable is secret). Only digits are read as a number, so `abc` or an empty value is
 * reported as itself, not as the NaN or 0 that implicit conversion would make of it.
 */
export function IntegerVariable(min: number, max?: number, expected?: string): PropertyDecorator {
  const range = max === undefined ? `of at least ${min}` : `from ${min} to ${max}`;
  const message = ({ property, value }: ValidationArguments) =>
    `${property} must be ${expected ?? `a whole number ${range}`}, given ${JSON.stringify(String(value))}`;
  const decorators = [
    Transform(({ obj, key, value }: Raw & { value: unknown }) => {
      const raw = obj[key];
      return typeof raw === 'string' && !/^\s*-?\d+\s*$/.test(raw) ? raw : value;
    }),
    IsInt({ message }),
    Min(min, { message }),
    ...(max === undefined ? [] : [Max(max, { message })]),
  ];
  return (target, key) => decorators.forEach((decorate) => decorate(target, key));
}

export const PortVariable = (min: number) =>
  IntegerVariable(min, 65535, `a port number (${min} to 65535)`);

/** An http(s) origin, with a path prefix if any, and no query or fragment. */
export const HttpUrl = (name: string, example: string) =>
  Matches(/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/, {
    message: `${name} must be an http(s) URL with no query or fragment, such as ${example}`,
  });
