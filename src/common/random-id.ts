import { randomInt } from 'node:crypto';

// Meteor's Random.id() alphabet and length, which Rocket.Chat uses for room and visitor ids.
const UNMISTAKABLE_CHARS = '23456789ABCDEFGHJKLMNPQRSTWXYZabcdefghijkmnopqrstuvwxyz';

export function randomId(length = 17): string {
  let id = '';
  for (let i = 0; i < length; i++) id += UNMISTAKABLE_CHARS[randomInt(UNMISTAKABLE_CHARS.length)];
  return id;
}
