import type { SeededRoom } from './seed';

export type PathName = 'success' | 'invalid-token' | 'invalid-params';

/** The three paths of POST room.survey the bench loads. */
export interface HotPath {
  name: PathName;
  expectedStatus: number;
  /** Database commands per request (find visitor, guarded update): those figures are FerretDB's. */
  databaseCommands: number;
  description: string;
}

export const HOT_PATHS: HotPath[] = [
  {
    name: 'success',
    expectedStatus: 200,
    databaseCommands: 2,
    description: 'valid token and room, two answers kept: `find` visitor + guarded `update` room',
  },
  {
    name: 'invalid-token',
    expectedStatus: 400,
    databaseCommands: 1,
    description: 'valid params, unknown token: `find` visitor',
  },
  {
    name: 'invalid-params',
    expectedStatus: 400,
    databaseCommands: 0,
    description: '`{}` body: the params check only, no database',
  },
];

export const SURVEY_ANSWERS = [
  { name: 'satisfaction', value: '5' },
  { name: 'additionalFeedback', value: 'Quick and helpful, thanks!' },
];

/** A token no seeded visitor has (seeded tokens are 64 hex digits). */
export const UNKNOWN_TOKEN = 'bench-unknown-token';

export const surveyBody = (
  room: Pick<SeededRoom, 'rid' | 'token'>,
  data: unknown = SURVEY_ANSWERS,
): string => JSON.stringify({ rid: room.rid, token: room.token, data });

/** The request bodies of a path; the success path spreads its writes over the given rooms. */
export function requestBodies(path: PathName, rooms: readonly SeededRoom[]): string[] {
  switch (path) {
    case 'success':
      return shuffled(rooms).map((room) => surveyBody(room));
    case 'invalid-token':
      return [surveyBody({ rid: rooms[0].rid, token: UNKNOWN_TOKEN })];
    case 'invalid-params':
      return ['{}'];
  }
}

/**
 * The rooms in a fixed pseudo-random order (the same for every server). In seeding order, a
 * short run would only reach the first rooms, and FerretDB, which scans in insertion order,
 * finds those first: the success path would look cheaper than it is.
 */
function shuffled<T>(items: readonly T[]): T[] {
  const result = [...items];
  let seed = 0x5eed;
  // mulberry32: a tiny seeded generator, so that runs are repeatable.
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  for (let i = result.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [result[i], result[j]] = [result[j], result[i]];
  }
  return result;
}
