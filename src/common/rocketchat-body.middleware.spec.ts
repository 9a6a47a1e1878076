import { readRocketChatBody } from './rocketchat-body.middleware';

const json = (text: string) => readRocketChatBody('application/json', Buffer.from(text));

describe('readRocketChatBody (Rocket.Chat router body reading)', () => {
  it('parses JSON objects and keeps arrays', () => {
    expect(json('{"a":1}')).toEqual({ a: 1 });
    expect(json('[1,2]')).toEqual([1, 2]);
  });

  it('turns other JSON values into shallow object copies', () => {
    expect(json('null')).toEqual({});
    expect(json('5')).toEqual({});
    expect(json('true')).toEqual({});
    expect(json('"ab"')).toEqual({ 0: 'a', 1: 'b' });
  });

  it('reads empty, malformed and non-JSON bodies as {}', () => {
    expect(json('')).toEqual({});
    expect(json('{"token": "t", "rid": ')).toEqual({});
    expect(readRocketChatBody('text/plain', Buffer.from('{"a":1}'))).toEqual({});
    expect(readRocketChatBody(undefined, Buffer.from('{"a":1}'))).toEqual({});
    expect(readRocketChatBody('application/json', undefined)).toEqual({});
  });

  it('accepts any content type that includes application/json', () => {
    expect(readRocketChatBody('application/json; charset=utf-8', Buffer.from('{"a":1}'))).toEqual({
      a: 1,
    });
  });

  it('keeps an own __proto__ key as data, without changing the prototype', () => {
    const body = json('{"__proto__":{"polluted":true}}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(body)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(body)).toEqual(['__proto__']);
  });
});
