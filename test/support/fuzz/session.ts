import fc from 'fast-check';
import { expectDocumentedAnswer, type Route } from './answers';
import type { DatabaseModel } from './database-model';
import type { Expected } from './oracles';
import type { rawClient, RawRequest, watchDatabase } from './raw-client';

export interface Sent {
  /** The visitor token the request carried, if a string: no error may quote it. */
  token?: unknown;
  /** The rest of the request: an error may quote it (Meteor's wording), token or not. */
  elsewhere?: unknown;
}

export interface Answer {
  status: number;
  text: string;
  body: Record<string, unknown>;
}

/**
 * Sends generated requests and checks each answer; counts them per route for the report. The
 * model is compared with the database after each property.
 */
export class FuzzSession {
  private readonly tally = new Map<Route, { sent: number; ok: number; fiveXX: number }>();

  constructor(
    private readonly client: ReturnType<typeof rawClient>,
    private readonly database: ReturnType<typeof watchDatabase>,
    private readonly model: DatabaseModel,
    private readonly seed: number | undefined,
  ) {}

  /**
   * One request: what every answer must have (expectDocumentedAnswer); a rejected request
   * writes nothing, and invalid params read nothing either; then what this one must be.
   */
  async exchange(route: Route, req: RawRequest, sent: Sent, expected: Expected | null) {
    this.database.take();
    const res = await this.client.send(req);
    const { commands, written } = this.database.take();
    const count = this.tally.get(route) ?? { sent: 0, ok: 0, fiveXX: 0 };
    this.tally.set(route, count);
    count.sent++;
    if (res.status === 200) count.ok++;
    if (res.status >= 500) count.fiveXX++;
    const body = expectDocumentedAnswer(route, res, sent);
    if (res.status !== 200) expect({ route, written }).toEqual({ route, written: 0 });
    if (body.errorType === 'invalid-params') {
      expect({ route, commands }).toEqual({ route, commands: 0 });
    }
    if (expected) {
      expect(res.status).toBe(expected.status);
      if (expected.text !== undefined) expect(res.text).toBe(expected.text);
      expected.check?.(body);
      if (res.status === 200) expected.apply?.(body);
    }
    return { status: res.status, text: res.text, body } satisfies Answer;
  }

  /** Runs a property, then compares the database with the model; one report line either way. */
  async run<T>(name: string, runs: number, property: fc.IAsyncProperty<[T]>): Promise<void> {
    this.tally.clear();
    const started = Date.now();
    try {
      // No shrinking: each request changes the database, so a replayed smaller input would
      // meet another state; the first failing request is the one to read.
      await fc.assert(property, { numRuns: runs, seed: this.seed, endOnFailure: true });
      await this.model.verify();
    } catch (error) {
      throw shortened(error);
    } finally {
      const counts = [...this.tally].map(
        ([route, c]) => `${route} ${c.sent} requests (${c.ok} 200), ${c.fiveXX} 5xx`,
      );
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      console.log(`fuzz ${name}: ${counts.join('; ')} in ${seconds} s`);
    }
  }
}

/** A failure with its ~200 KB counterexamples cut down to something readable. */
function shortened(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const cut = (text: string) =>
    text.replace(
      /[^\n]{2000,}/g,
      (line) => `${line.slice(0, 1500)} …(${line.length} characters)… ${line.slice(-300)}`,
    );
  error.message = cut(error.message);
  if (error.stack) error.stack = cut(error.stack);
  shortened(error.cause);
  return error;
}
