import { getConnectionToken } from '@nestjs/mongoose';
import fc from 'fast-check';
import type { Connection } from 'mongoose';
import { parse as parseQuery } from 'node:querystring';
import { createTestApp, type TestApp } from '../support/app';
import {
  BODY_LIMIT,
  PAYLOAD_TOO_LARGE,
  readAsRocketChat,
  type Route,
} from '../support/fuzz/answers';
import { DatabaseModel, type JsonDoc } from '../support/fuzz/database-model';
import { percentEncode, type RawBody } from '../support/fuzz/wire';
import { Oracle, type Expected } from '../support/fuzz/oracles';
import { rawClient, watchDatabase } from '../support/fuzz/raw-client';
import {
  closeCases,
  configQueries,
  erasureCases,
  pathTokens,
  roomQueries,
  surveyBodies,
  visitorBodies,
} from '../support/fuzz/requests';
import { FuzzSession } from '../support/fuzz/session';
import { seedFuzzWorld, type FuzzWorld } from '../support/fuzz/world';

/**
 * Bad input, on every public route: generated requests (wrong types, missing and extra keys,
 * operator objects, prototype keys, NUL, lone surrogates, emoji, ~200 KB strings, malformed and
 * mislabelled bodies), mixed with the seeded tokens and rids. Every answer is a documented
 * envelope, never 5xx, never quoting the token; params are judged as Rocket.Chat's validator
 * judges them; a rejected request writes nothing; the database ends as the successful answers
 * say. FUZZ_RUNS_SURVEY and FUZZ_RUNS set the counts; FUZZ_SEED replays a run.
 */
const SURVEY_RUNS = Number(process.env.FUZZ_RUNS_SURVEY ?? 10_000);
const RUNS = Number(process.env.FUZZ_RUNS ?? 700);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
const TIMEOUT = 15 * 60_000;
const LIVECHAT = '/api/v1/livechat';

type Body = Record<string, unknown>;
const isObject = (value: unknown): value is Body =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const without = (value: unknown, key: string) =>
  isObject(value) ? Object.fromEntries(Object.entries(value).filter(([k]) => k !== key)) : value;
const tooLarge = (text: string): Expected | null =>
  Buffer.byteLength(text) > BODY_LIMIT ? { status: 413, text: PAYLOAD_TOO_LARGE } : null;

/** A query failing Meteor's check: a plain Match error. */
const MATCH_ERROR: Expected = {
  status: 400,
  check: (body) => {
    expect(Object.keys(body)).toEqual(['success', 'error']);
    expect(String(body.error)).toMatch(/^Match error: /);
  },
};
const MATCH_ERROR_TEXT = /^\{"success":false,"error":"Match error: /;
const BLANK_TOKEN = JSON.stringify({
  success: false,
  error: 'Token cannot be empty [error-invalid-token]',
  errorType: 'error-invalid-token',
  details: { method: 'livechat/visitor' },
});

describe('bad input on every public route (property-based)', () => {
  let t: TestApp;
  let client: ReturnType<typeof rawClient>;
  let model: DatabaseModel;
  let oracle: Oracle;
  let world: FuzzWorld;
  let session: FuzzSession;

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen(0, '127.0.0.1');
    world = await seedFuzzWorld(t);
    model = await DatabaseModel.snapshot(t.db, t.config.collections);
    oracle = new Oracle(model, t.config.survey);
    client = rawClient(t.app.getHttpServer());
    const database = watchDatabase(t.app.get<Connection>(getConnectionToken()).getClient());
    session = new FuzzSession(client, database, model, SEED);
  });
  afterAll(async () => {
    client?.close();
    await t?.close();
  });

  /** A body route: the oracle judges the body as Rocket.Chat's router reads it. */
  const post = (route: Route, path: string, raw: RawBody, judge: (read: unknown) => Expected) => {
    const read = readAsRocketChat(raw.contentType, raw.text);
    const sent = { token: isObject(read) ? read.token : undefined };
    const req = { method: 'POST' as const, path, contentType: raw.contentType, body: raw.text };
    return session.exchange(route, req, sent, tooLarge(raw.text) ?? judge(read));
  };

  const getRoom = (query: string) => {
    const parsed = parseQuery(query);
    const sent = { token: parsed.token, elsewhere: without(parsed, 'token') };
    const req = { method: 'GET' as const, path: `${LIVECHAT}/room?${query}` };
    return session.exchange('GET room', req, sent, oracle.room(parsed) ?? MATCH_ERROR);
  };

  /**
   * POST visitor: a Match error, the blank-token error, an unknown department, a custom field
   * bound, or a registration that keeps the _id of a known token and names a new visitor guest-N
   * from the counter.
   */
  const register = async (raw: RawBody) => {
    const read = readAsRocketChat(raw.contentType, raw.text);
    const input = isObject(read) && isObject(read.visitor) ? read.visitor : {};
    const known = typeof input.token === 'string' ? model.visitorByToken(input.token) : undefined;
    const guest = !known && !input.username ? model.guestCount() + 1 : null;
    const sent = {
      token: input.token,
      elsewhere: { ...(read as object), visitor: without(input, 'token') },
    };
    const req = {
      method: 'POST' as const,
      path: `${LIVECHAT}/visitor`,
      contentType: raw.contentType,
      body: raw.text,
    };
    const answer = await session.exchange('POST visitor', req, sent, tooLarge(raw.text));
    // Past Meteor's check and the blank token, the department, then the custom field bounds
    // (docs/api.md, Routes) come next.
    const earlier =
      answer.status === 413 || answer.text === BLANK_TOKEN || MATCH_ERROR_TEXT.test(answer.text);
    const departmentError = earlier ? null : oracle.departmentError(input);
    const limitError = earlier || departmentError ? null : oracle.customFieldError(input, known);
    if (departmentError !== null) {
      expect(answer.text).toBe(departmentError);
    } else if (limitError !== null) {
      expect(answer.text).toBe(limitError);
    } else if (answer.status === 200) {
      const visitor = answer.body.visitor as JsonDoc;
      const { fields, livechatData } = oracle.registration(input, known);
      expect(visitor).toMatchObject(fields);
      expect(visitor.livechatData ?? {}).toEqual(livechatData);
      if (known) expect(visitor._id).toBe(known._id);
      if (guest !== null) expect(visitor.username).toBe(`guest-${guest}`);
      model.registered(visitor, guest);
    } else if (answer.status === 400 && answer.text !== BLANK_TOKEN) {
      MATCH_ERROR.check!(answer.body);
    }
  };

  it(
    'GET config: any query string',
    async () => {
      await session.run(
        'GET config',
        RUNS,
        fc.asyncProperty(configQueries(world), async (query) => {
          const parsed = parseQuery(query);
          const sent = { token: parsed.token, elsewhere: without(parsed, 'token') };
          const req = { method: 'GET' as const, path: `${LIVECHAT}/config?${query}` };
          await session.exchange('GET config', req, sent, oracle.config(parseQuery(query)));
        }),
      );
    },
    TIMEOUT,
  );

  it(
    'GET visitor/:token: any token, any path segment',
    async () => {
      await session.run(
        'GET visitor/:token',
        RUNS,
        fc.asyncProperty(pathTokens(world), async ({ token, segment }) => {
          const req = { method: 'GET' as const, path: `${LIVECHAT}/visitor/${segment}` };
          await session.exchange(
            'GET visitor/:token',
            req,
            { token },
            token === undefined ? null : oracle.getVisitor(token),
          );
        }),
      );
    },
    TIMEOUT,
  );

  it(
    `POST room.survey: ${SURVEY_RUNS} bodies, judged as Rocket.Chat's validator and the database model judge them`,
    async () => {
      await session.run(
        'POST room.survey',
        SURVEY_RUNS,
        fc.asyncProperty(surveyBodies(world, t.config.survey), async (raw) => {
          await post('POST room.survey', `${LIVECHAT}/room.survey`, raw, (read) =>
            oracle.roomSurvey(read),
          );
        }),
      );
    },
    TIMEOUT,
  );

  it(
    'GET room: any query string, and real tokens with real or fuzzed rids',
    async () => {
      await session.run(
        'GET room',
        RUNS,
        fc.asyncProperty(roomQueries(world), async (query) => {
          await getRoom(query);
        }),
      );
    },
    TIMEOUT,
  );

  it(
    'POST room.close: any body, and rooms opened, then closed by their visitor',
    async () => {
      const close = (raw: RawBody) =>
        post('POST room.close', `${LIVECHAT}/room.close`, raw, (read) => oracle.roomClose(read));
      await session.run(
        'POST room.close',
        RUNS,
        fc.asyncProperty(closeCases(world), async (c) => {
          if ('raw' in c) return void (await close(c.raw));
          const { status, body } = await getRoom(`token=${percentEncode(c.token)}`);
          const rid = status === 200 ? (body.room as JsonDoc)._id : 'unknownRoom000001';
          const entries = [['token', c.token], ['rid', rid], ...(c.extra ? [c.extra] : [])];
          const raw = {
            contentType: 'application/json',
            text: JSON.stringify(Object.fromEntries(entries)),
          };
          for (let i = 0; i < (c.twice ? 2 : 1); i++) await close(raw);
        }),
      );
    },
    TIMEOUT,
  );

  it(
    'DELETE visitor/:token: any token, and fresh visitors registered, then erased',
    async () => {
      await session.run(
        'DELETE visitor/:token',
        RUNS,
        fc.asyncProperty(erasureCases(world), async ({ token, segment, fresh }) => {
          if (fresh)
            await register({
              contentType: 'application/json',
              text: JSON.stringify({ visitor: { token } }),
            });
          const req = { method: 'DELETE' as const, path: `${LIVECHAT}/visitor/${segment}` };
          await session.exchange(
            'DELETE visitor/:token',
            req,
            { token },
            token === undefined ? null : oracle.deleteVisitor(token),
          );
        }),
      );
    },
    TIMEOUT,
  );

  it(
    'POST visitor: any body, and registrations with awkward names and custom fields',
    async () => {
      await session.run('POST visitor', RUNS, fc.asyncProperty(visitorBodies(world), register));
    },
    TIMEOUT,
  );
});
