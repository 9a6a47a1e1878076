'use strict';
/**
 * room.survey without a framework, for the bench's reference servers (B: Express, C: node:http).
 * It does the service's work with the MongoDB driver alone: the same configuration (read from the
 * same variables), the same JSON Schema and AJV settings, the same survey filter, body reader,
 * error bodies and per-room write queue, all taken from the compiled service (dist/), and the
 * same two database commands (the write is RoomRepository's surveyUpdate). Only
 * the HTTP stack around it differs, which is what the bench measures.
 */
const { resolve } = require('node:path');
const { MongoClient } = require('mongodb');
const Ajv2020 = require('ajv/dist/2020').default;

const dist = (path) => require(resolve(__dirname, '../../dist', path));
const { buildAppConfig } = dist('config/app.config');
const { ROOM_SURVEY_PARAMS_SCHEMA } = dist('livechat/room/dto/room-survey.dto');
const { SurveyRules } = dist('livechat/survey/survey-rules');
const { readRocketChatBody } = dist('common/rocketchat-body.middleware');
const { RocketChatError } = dist('common/rocketchat-error');
const { RocketChatExceptionFilter } = dist('common/rocketchat-exception.filter');
const { KeyedMutex } = dist('common/keyed-mutex');
const { isFerretDb } = dist('database/ferretdb.process');
const { surveyUpdate } = dist('livechat/room/room.repository');

const ROUTE = '/api/v1/livechat/room.survey';
const LIVECHAT_ROOM = 'l';
// As VisitorRepository.findByToken projects the visitor (it shapes what the database returns).
const VISITOR_PROJECTION = { _id: 1, username: 1, name: 1, status: 1, department: 1, token: 1 };

// RocketChatParamsGuard's settings: Rocket.Chat's own validator options.
const validate = new Ajv2020({ coerceTypes: true, allowUnionTypes: true }).compile(
  ROOM_SURVEY_PARAMS_SCHEMA,
);
const errors = new RocketChatExceptionFilter();

/** An answer: the status and the exact body the service would send. */
const answer = (status, body) => ({ status, body: Buffer.from(JSON.stringify(body)) });
const failure = (error) => answer(error.status, error.body);

/** Connects with the service's configuration; returns the handler and the port to listen on. */
async function createSurveyHandler(env) {
  const config = buildAppConfig(env);
  const client = new MongoClient(config.database.uri, {
    serverSelectionTimeoutMS: config.database.serverSelectionTimeoutMS,
    // The service's operation bound (DatabaseModule), so all three give up alike.
    socketTimeoutMS: config.database.operationTimeoutMS,
    connectTimeoutMS: config.database.operationTimeoutMS,
    waitQueueTimeoutMS: config.database.operationTimeoutMS,
    maxPoolSize: config.database.maxPoolSize,
    retryWrites: true,
  });
  await client.connect();
  const db = client.db();
  // RoomRepository's FerretDB workaround, so that all three servers store the same answers.
  const onFerretDb = await isFerretDb(db);
  const visitors = db.collection(config.collections.visitors);
  const rooms = db.collection(config.collections.rooms);
  const rules = new SurveyRules(config.survey);
  // RoomRepository's per-room queue (a FerretDB workaround): part of the work on the hot path.
  const writes = new KeyedMutex();
  const ownRoom = (rid, token) => ({ _id: rid, t: LIVECHAT_ROOM, 'v.token': token });

  /** SurveyService.submit behind the two guards, in Rocket.Chat's order of checks. */
  async function survey(params) {
    if (!validate(params)) {
      return failure(RocketChatError.bracketed('invalid-params', validate.errors?.[0]?.message));
    }
    const { rid, token, data } = params;
    const visitor = await visitors.findOne({ token }, { projection: VISITOR_PROJECTION });
    if (!visitor) return failure(RocketChatError.bracketed('invalid-token'));
    const kept = rules.keep(data);
    if (kept === null) {
      const room = await rooms.findOne(ownRoom(rid, token), { projection: { _id: 1 } });
      return failure(RocketChatError.bracketed(room ? 'invalid-data' : 'invalid-room'));
    }
    const filter = ownRoom(rid, token);
    const update = surveyUpdate(kept, onFerretDb, rules.answerNames, new Date());
    const result = await writes.run(rid, () => rooms.updateOne(filter, update));
    if (result.matchedCount === 0) return failure(RocketChatError.bracketed('invalid-room'));
    return answer(200, { rid, data: kept, success: true });
  }

  /** Reads the raw body as Rocket.Chat's router does, then answers; never throws. */
  async function handle(contentType, rawBody) {
    try {
      return await survey(readRocketChatBody(contentType, rawBody));
    } catch (error) {
      return failure(errors.toRocketChat(error));
    }
  }

  return { handle, port: config.port, close: () => client.close() };
}

/** Any error of the HTTP layer (body too large, aborted request), in the service's words. */
const httpFailure = (error) => failure(errors.toRocketChat(error));

module.exports = { ROUTE, createSurveyHandler, dist, httpFailure };
