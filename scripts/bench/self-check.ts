import { surveyBody, UNKNOWN_TOKEN } from './paths';
import type { SeededRoom } from './seed';
import { SURVEY_PATH, type RunningServer } from './servers';

interface Case {
  name: string;
  body: string;
  contentType?: string;
  /** A's status: the load runs count on it. */
  expectedStatus: number;
}

interface Answer {
  status: number;
  contentType: string | null;
  body: string;
}

/** The three loaded paths first, then the other answers that B and C must also get right. */
function cases([own, other]: SeededRoom[]): Case[] {
  return [
    { name: 'success', body: surveyBody(own), expectedStatus: 200 },
    {
      name: 'invalid-token',
      body: surveyBody({ rid: own.rid, token: UNKNOWN_TOKEN }),
      expectedStatus: 400,
    },
    { name: 'invalid-params', body: '{}', expectedStatus: 400 },
    {
      name: 'invalid-room (another visitor’s room)',
      body: surveyBody({ rid: other.rid, token: own.token }),
      expectedStatus: 400,
    },
    {
      name: 'invalid-data (nothing kept)',
      body: surveyBody(own, [{ name: 'satisfaction', value: '9' }]),
      expectedStatus: 400,
    },
    {
      name: 'coerced values',
      body: surveyBody(own, [
        { name: 'satisfaction', value: 4 },
        { name: 'additionalFeedback', value: null },
      ]),
      expectedStatus: 200,
    },
    { name: 'array body', body: '[]', expectedStatus: 400 },
    { name: 'malformed JSON', body: '{"rid":', expectedStatus: 400 },
    {
      name: 'text/plain body',
      body: surveyBody(own),
      contentType: 'text/plain',
      expectedStatus: 400,
    },
  ];
}

async function ask(server: RunningServer, c: Case): Promise<Answer> {
  const response = await fetch(server.url + SURVEY_PATH, {
    method: 'POST',
    headers: { 'content-type': c.contentType ?? 'application/json' },
    body: c.body,
  });
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    body: await response.text(),
  };
}

/**
 * B and C are only a fair comparison if they answer exactly as A does: same status, same
 * Content-Type, byte-identical body. Throws, listing every difference, when they do not.
 */
export async function assertSameAnswers(
  servers: RunningServer[],
  rooms: SeededRoom[],
): Promise<void> {
  const [reference, ...others] = servers;
  const problems: string[] = [];
  for (const c of cases(rooms)) {
    const expected = await ask(reference, c);
    if (expected.status !== c.expectedStatus) {
      problems.push(`${c.name}: ${reference.name} answered ${expected.status} ${expected.body}`);
    }
    for (const server of others) {
      const actual = await ask(server, c);
      if (JSON.stringify(actual) !== JSON.stringify(expected)) {
        problems.push(
          `${c.name}:\n    ${reference.name}: ${JSON.stringify(expected)}` +
            `\n    ${server.name}: ${JSON.stringify(actual)}`,
        );
      }
    }
  }
  if (problems.length > 0) {
    throw new Error(
      `self-check failed, the servers do not answer alike:\n  ${problems.join('\n  ')}`,
    );
  }
}
