import type { ChildProcess } from 'node:child_process';
import { BACKGROUND } from '../../src/webhooks/webhook.schema';
import { startDatabaseProxy } from '../../test/support/database-proxy';
import { surveyBody, UNKNOWN_TOKEN } from './paths';
import type { SeededRoom } from './seed';
import { SURVEY_PATH, type RunningServer, type ServerId } from './servers';

/** The driver's own traffic (monitoring, sessions, start-up probes): not a request's statement. */
const DRIVER_COMMANDS = new Set(['hello', 'ismaster', 'isMaster', 'ping', 'endSessions']);
/** Fields the driver adds to every command, or that differ per connection and session. */
const DRIVER_FIELDS = new Set(['lsid', '$clusterTime', '$db', 'txnNumber', '$readPreference']);

/** Starts a server (A or C) on another database URI; the check stops it. */
export type StartOn = (id: ServerId, name: string, uri: string) => Promise<RunningServer>;

/** A statement as the database sees it, with the request's own values (ids, times) named. */
function canonical(body: unknown, room: SeededRoom): unknown {
  if (body instanceof Date) return '<date>';
  if (body === room.rid) return '<rid>';
  if (body === room.token) return '<token>';
  if (Array.isArray(body)) return body.map((item) => canonical(item, room));
  if (body === null || typeof body !== 'object') return body;
  // Sorted keys: the same statement whatever order a library wrote its fields in.
  const entries = Object.entries(body as Record<string, unknown>)
    .filter(([key]) => !DRIVER_FIELDS.has(key))
    .sort(([a], [b]) => a.localeCompare(b));
  return Object.fromEntries(entries.map(([key, value]) => [key, canonical(value, room)]));
}

const requestBodies = (room: SeededRoom) => ({
  success: surveyBody(room),
  'invalid-token': surveyBody({ rid: room.rid, token: UNKNOWN_TOKEN }),
  'invalid-params': '{}',
});

/**
 * The floor C is the project's own comparison only if it sends the database exactly A's
 * statements: each loaded path is asked once of A and of C, both connected through a recording
 * proxy, and the commands each request sent (the background work's, marked by its comment, left
 * out) must be the same, field for field. Throws, listing both, when they are not.
 */
export async function assertSameStatements(
  databaseUri: string,
  [ownA, ownC]: SeededRoom[],
  start: StartOn,
  stop: (child: ChildProcess) => Promise<void>,
): Promise<string[]> {
  const target = new URL(databaseUri);
  const dbName = target.pathname.slice(1);
  const proxy = await startDatabaseProxy({ host: target.hostname, port: Number(target.port) });
  const seen: Record<string, Record<'A' | 'C', string>> = {};
  try {
    for (const [id, room] of [
      ['A', ownA],
      ['C', ownC],
    ] as const) {
      const server = await start(id, `${id}-statements`, proxy.uri(dbName));
      try {
        for (const [path, body] of Object.entries(requestBodies(room))) {
          const from = proxy.bodies.length;
          await fetch(server.url + SURVEY_PATH, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body,
          }).then((response) => response.text());
          const statements = proxy.bodies
            .slice(from)
            .filter((command) => !DRIVER_COMMANDS.has(Object.keys(command)[0]))
            .filter((command) => command.comment !== BACKGROUND.comment)
            .map((command) => canonical(command, room));
          seen[path] = { ...seen[path], [id]: JSON.stringify(statements) };
        }
      } finally {
        await stop(server.child);
      }
    }
  } finally {
    await proxy.close();
  }
  const problems = Object.entries(seen)
    .filter(([, by]) => by.A !== by.C)
    .map(([path, by]) => `${path}:\n    A: ${by.A}\n    C: ${by.C}`);
  if (problems.length > 0) {
    throw new Error(`statement check failed, C does not do A's work:\n  ${problems.join('\n  ')}`);
  }
  return Object.entries(seen).map(([path, by]) => `${path}: ${by.A}`);
}
