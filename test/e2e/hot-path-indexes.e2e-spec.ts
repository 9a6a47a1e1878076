import { getModelToken } from '@nestjs/mongoose';
import type { Model, mongo } from 'mongoose';
import { Room } from '../../src/livechat/room/room.schema';
import { Visitor } from '../../src/livechat/visitor/visitor.schema';
import { createTestApp, type TestApp } from '../support/app';
import { rocketChatRoom, rocketChatVisitor } from '../support/factories';
import { apiKey } from '../support/managers';
import { servingIndex, type DeclaredIndex, type Filter } from '../support/indexes';

/** A filter as the service sent it, and the collection it was sent to. */
interface Query {
  collection: string;
  filter: Filter;
}

/** Every `stage` of a query plan, depth first. */
function stages(plan: unknown): string[] {
  if (Array.isArray(plan)) return plan.flatMap(stages);
  if (typeof plan !== 'object' || plan === null) return [];
  const own = 'stage' in plan && typeof plan.stage === 'string' ? [plan.stage] : [];
  return own.concat(Object.values(plan).flatMap(stages));
}

// Reported as skipped (with its reason in its name) unless the test database is a real mongod.
const itOnMongod = process.env.TEST_DATABASE_KIND === 'mongod' ? it : it.skip;

/**
 * The hot-path queries, taken from what the service really sends (command monitoring), must be
 * served by an index on MongoDB: FerretDB ignores indexes, so only this check stands between a
 * changed filter and a collection scan in production.
 */
describe('hot-path queries lead a declared index', () => {
  let t: TestApp;
  let visitorIndexes: DeclaredIndex[];
  let roomIndexes: DeclaredIndex[];
  let queries: Record<'visitorByToken' | 'surveyUpdate' | 'openRoom', Query>;
  let reportQueries: Query[];

  beforeAll(async () => {
    const key = apiKey();
    t = await createTestApp({ REPORTS_API_KEYS: key.digest });
    visitorIndexes = t.app.get<Model<Visitor>>(getModelToken(Visitor.name)).schema.indexes();
    roomIndexes = t.app.get<Model<Room>>(getModelToken(Room.name)).schema.indexes();

    const visitor = rocketChatVisitor();
    const room = rocketChatRoom(visitor);
    await t.visitors.insertOne(visitor);
    await t.rooms.insertOne(room);
    const body = {
      rid: room._id,
      token: visitor.token,
      data: [{ name: 'satisfaction', value: '5' }],
    };

    const survey = await t.captureCommands(() =>
      t.http().post('/api/v1/livechat/room.survey').send(body).expect(200),
    );
    const open = await t.captureCommands(() =>
      t.http().get(`/api/v1/livechat/room?token=${visitor.token}`).expect(200),
    );
    const reports = await t.captureCommands(async () => {
      for (const route of ['survey.report', 'survey.responses', 'survey.export.csv']) {
        await t
          .http()
          .get(`/api/v1/livechat/${route}`)
          .query({ from: '2026-11-01', to: '2026-12-01', agentId: 'a', departmentId: 'd' })
          .set('X-Api-Key', key.key)
          .expect(200);
      }
    });
    const { rooms, visitors } = t.config.collections;
    reportQueries = reports
      .filter((e) => e.commandName === 'find' && e.command.find === rooms)
      .map((e) => ({ collection: rooms, filter: (e.command as { filter: Filter }).filter }));
    queries = {
      visitorByToken: findIn(survey, 'find', visitors),
      surveyUpdate: findIn(survey, 'update', rooms),
      openRoom: findIn(open, 'find', rooms),
    };
  });
  afterAll(() => t.close());

  function findIn(events: mongo.CommandStartedEvent[], name: string, collection: string): Query {
    const event = events.find((e) => e.commandName === name && e.command[name] === collection);
    const sent = events.map((e) => e.commandName).join(', ');
    if (!event) throw new Error(`no ${name} on ${collection} among: ${sent}`);
    const command = event.command as { filter?: Filter; updates?: Array<{ q: Filter }> };
    return { collection, filter: command.filter ?? command.updates![0].q };
  }

  it('finds the visitor by {token} through an index whose first key is token', () => {
    expect(Object.keys(queries.visitorByToken.filter)).toEqual(['token']);
    expect(visitorIndexes.map(([keys]) => Object.keys(keys)[0])).toContain('token');
    expect(servingIndex(queries.visitorByToken.filter, visitorIndexes)).toBe('token_1');
  });

  it('writes the survey with {_id, t, v.token}, served by the _id index', () => {
    expect(Object.keys(queries.surveyUpdate.filter).sort()).toEqual(['_id', 't', 'v.token']);
    expect(servingIndex(queries.surveyUpdate.filter, roomIndexes)).toBe('_id_');
  });

  it('finds the open room by {v.token, t, open} through an index whose first key is v.token', () => {
    expect(Object.keys(queries.openRoom.filter).sort()).toEqual(['open', 't', 'v.token']);
    const index = servingIndex(queries.openRoom.filter, roomIndexes);
    const [keys] = roomIndexes.find(([, options]) => options.name === index) ?? [{}];
    expect(Object.keys(keys)[0]).toBe('v.token');
  });

  it('reads report periods with an $or whose every branch leads a declared index', () => {
    expect(reportQueries).toHaveLength(3);
    const firstKeys = roomIndexes.map(([keys]) => Object.keys(keys)[0]);
    for (const { filter } of reportQueries) {
      const branches = filter.$or as Filter[];
      expect(branches.length).toBeGreaterThan(0);
      for (const branch of branches) {
        const led = Object.keys(branch).filter((field) => firstKeys.includes(field));
        expect(led.length).toBeGreaterThan(0);
        // A range on the indexed time (from, to), never a scan-only operator.
        expect(Object.keys(branch[led[0]] as object).sort()).toEqual(['$gte', '$lt']);
      }
    }
    expect(firstKeys).toEqual(expect.arrayContaining(['closedAt', 'surveyFeedbackAt', 'ts']));
  });

  itOnMongod(
    'plans no collection scan for them on a real mongod (explain queryPlanner; skipped on ' +
      "FerretDB, whose plans say nothing about MongoDB's: set MONGOMS_SYSTEM_BINARY to run it)",
    async () => {
      const scanning: string[] = [];
      const explain = async (name: string, collection: string, filter: Filter) => {
        // An update's filter is planned as a find with the same filter.
        const explained = await t.db.collection(collection).find(filter).explain('queryPlanner');
        const plan = (explained.queryPlanner as { winningPlan: unknown }).winningPlan;
        if (stages(plan).includes('COLLSCAN')) scanning.push(`${name}: ${JSON.stringify(plan)}`);
      };
      for (const [name, { collection, filter }] of Object.entries(queries))
        await explain(name, collection, filter);
      for (const { collection, filter } of reportQueries)
        await explain('report', collection, filter);
      expect(scanning).toEqual([]);
    },
  );
});
