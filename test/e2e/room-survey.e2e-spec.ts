import { createTestApp, type TestApp } from '../support/app';
import {
  closedRocketChatRoom,
  rocketChatRoom,
  rocketChatVisitor,
  type Doc,
} from '../support/factories';

const SURVEY = '/api/v1/livechat/room.survey';
const INVALID_TOKEN = { success: false, error: '[invalid-token]', errorType: 'invalid-token' };
const INVALID_ROOM = { success: false, error: '[invalid-room]', errorType: 'invalid-room' };
const INVALID_DATA = { success: false, error: '[invalid-data]', errorType: 'invalid-data' };

describe('POST /api/v1/livechat/room.survey', () => {
  let t: TestApp;
  let visitor: ReturnType<typeof rocketChatVisitor>;
  let room: Doc;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  beforeEach(async () => {
    visitor = rocketChatVisitor();
    room = rocketChatRoom(visitor);
    await t.visitors.insertOne(visitor);
    await t.rooms.insertOne(room);
  });

  const survey = (body: unknown) =>
    t
      .http()
      .post(SURVEY)
      .send(body as object);
  const storedRoom = () => t.rooms.findOne({ _id: room._id });

  /** Everything in both collections, to show that a failure changed nothing. */
  const snapshot = async () => ({
    rooms: await t.rooms.find().sort({ _id: 1 }).toArray(),
    visitors: await t.visitors.find().sort({ _id: 1 }).toArray(),
  });

  describe('success', () => {
    it('answers 200 with the kept answers in Rocket.Chat order (rid, data, success)', async () => {
      const res = await survey({
        rid: room._id,
        token: visitor.token,
        data: [
          { name: 'satisfaction', value: '5' },
          { name: 'agentKnowledge', value: '4' },
        ],
      });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/json');
      expect(res.text).toBe(
        `{"rid":"${room._id}","data":{"satisfaction":"5","agentKnowledge":"4"},"success":true}`,
      );
    });

    it('stores surveyFeedback and bumps _updatedAt without losing any other field', async () => {
      const before = await storedRoom();
      const res = await survey({
        rid: room._id,
        token: visitor.token,
        data: [
          { name: 'agentResposiveness', value: '3' },
          { name: 'additionalFeedback', value: 'Quick and kind' },
        ],
      });
      expect(res.status).toBe(200);
      const after = await storedRoom();
      const { surveyFeedback, surveyFeedbackAt, _updatedAt, ...rest } = after!;
      // The submission time, for reports, in the same write as the answers.
      expect(surveyFeedbackAt).toEqual(_updatedAt);
      expect(surveyFeedback).toEqual({
        agentResposiveness: '3',
        additionalFeedback: 'Quick and kind',
      });
      expect((_updatedAt as Date).getTime()).toBeGreaterThan(
        (before!._updatedAt as Date).getTime(),
      );
      const { _updatedAt: _before, ...untouched } = before!;
      expect(rest).toEqual(untouched);
      expect(await t.visitors.findOne({ _id: visitor._id })).toEqual(visitor);
    });

    it('accepts a closed room (surveys come after the chat)', async () => {
      const closed = closedRocketChatRoom(visitor);
      await t.rooms.insertOne(closed);
      const res = await survey({
        rid: closed._id,
        token: visitor.token,
        data: [{ name: 'agentFriendliness', value: '2' }],
      });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        rid: closed._id,
        data: { agentFriendliness: '2' },
        success: true,
      });
      const stored = await t.rooms.findOne({ _id: closed._id });
      expect(stored).toMatchObject({ closer: 'visitor', metrics: { chatDuration: 540 } });
      expect(stored!.surveyFeedback).toEqual({ agentFriendliness: '2' });
    });

    it('drops unknown items and values silently and stores only what it kept', async () => {
      const res = await survey({
        rid: room._id,
        token: visitor.token,
        data: [
          { name: 'satisfaction', value: '6' },
          { name: 'agentKnowledge', value: '0' },
          { name: 'agentFriendliness', value: ' 5' },
          { name: 'agentResponsiveness', value: '5' },
          { name: 'unknownItem', value: '5' },
          { name: '__proto__', value: '5' },
          { name: 'constructor', value: '5' },
          { name: 'satisfaction', value: '4' },
        ],
      });
      expect(res.status).toBe(200);
      expect(res.text).toBe(`{"rid":"${room._id}","data":{"satisfaction":"4"},"success":true}`);
      expect((await storedRoom())!.surveyFeedback).toEqual({ satisfaction: '4' });
    });

    it('keeps the last value of a repeated name, at the place of its first', async () => {
      const res = await survey({
        rid: room._id,
        token: visitor.token,
        data: [
          { name: 'satisfaction', value: '1' },
          { name: 'agentKnowledge', value: '2' },
          { name: 'satisfaction', value: '5' },
        ],
      });
      expect(res.text).toBe(
        `{"rid":"${room._id}","data":{"satisfaction":"5","agentKnowledge":"2"},"success":true}`,
      );
    });

    it('keeps additionalFeedback whatever its text, empty and unicode included', async () => {
      for (const text of ['', 'Merci beaucoup 🙏 — très bien', 'x'.repeat(5000)]) {
        const res = await survey({
          rid: room._id,
          token: visitor.token,
          data: [{ name: 'additionalFeedback', value: text }],
        });
        expect(res.status).toBe(200);
        expect(res.body.data).toEqual({ additionalFeedback: text });
        expect((await storedRoom())!.surveyFeedback).toEqual({ additionalFeedback: text });
      }
    });

    it('replaces earlier feedback on resubmission, as Rocket.Chat does', async () => {
      await survey({
        rid: room._id,
        token: visitor.token,
        data: [
          { name: 'satisfaction', value: '1' },
          { name: 'additionalFeedback', value: 'slow' },
        ],
      }).expect(200);
      await survey({
        rid: room._id,
        token: visitor.token,
        data: [{ name: 'agentKnowledge', value: '5' }],
      }).expect(200);
      expect((await storedRoom())!.surveyFeedback).toEqual({ agentKnowledge: '5' });
    });

    it('replaces earlier feedback that had the same values under other names', async () => {
      // FerretDB v1 compares embedded documents by their values alone and skips a $set of an
      // "equal" one: {additionalFeedback: "3"} → {satisfaction: "3"} was answered 200, not stored.
      for (const name of ['additionalFeedback', 'satisfaction', 'agentKnowledge']) {
        const res = await survey({
          rid: room._id,
          token: visitor.token,
          data: [{ name, value: '3' }],
        });
        expect(res.status).toBe(200);
        expect((await storedRoom())!.surveyFeedback).toEqual(res.body.data);
      }
    });

    it('stores and echoes coerced scalars as strings', async () => {
      const res = await survey({
        rid: room._id,
        token: visitor.token,
        data: [
          { name: 'satisfaction', value: 5 },
          { name: 'additionalFeedback', value: null },
        ],
      });
      expect(res.text).toBe(
        `{"rid":"${room._id}","data":{"satisfaction":"5","additionalFeedback":""},"success":true}`,
      );
      expect((await storedRoom())!.surveyFeedback).toEqual({
        satisfaction: '5',
        additionalFeedback: '',
      });
    });

    it('finds a room whose id is a number once coerced to a string', async () => {
      await t.rooms.insertOne(rocketChatRoom(visitor, { _id: '12' }));
      const res = await survey({
        rid: 12,
        token: visitor.token,
        data: [{ name: 'satisfaction', value: '3' }],
      });
      expect(res.text).toBe('{"rid":"12","data":{"satisfaction":"3"},"success":true}');
    });

    it('keeps one complete payload when 20 submissions race on one room', async () => {
      const payloads = Array.from({ length: 20 }, (_, i) => [
        { name: 'satisfaction', value: String((i % 5) + 1) },
        { name: 'additionalFeedback', value: `submission ${i}` },
      ]);
      const responses = await Promise.all(
        payloads.map((data) => survey({ rid: room._id, token: visitor.token, data })),
      );
      expect(responses.map((r) => r.status)).toEqual(payloads.map(() => 200));
      const stored = (await storedRoom())!;
      const i = Number(
        String((stored.surveyFeedback as Record<string, string>).additionalFeedback).split(' ')[1],
      );
      expect(stored.surveyFeedback).toEqual({
        satisfaction: String((i % 5) + 1),
        additionalFeedback: `submission ${i}`,
      });
      expect(stored.fname).toBe(room.fname);
    });
  });

  describe('errors, checked in Rocket.Chat order: params, token, room, data', () => {
    it('answers [invalid-token] for an unknown token, and stores nothing', async () => {
      const before = await snapshot();
      const res = await survey({
        rid: room._id,
        token: 'no-such-token',
        data: [{ name: 'satisfaction', value: '5' }],
      });
      expect(res.status).toBe(400);
      expect(res.text).toBe(JSON.stringify(INVALID_TOKEN));
      expect(await snapshot()).toEqual(before);
    });

    it('answers [invalid-token] for a token coerced from null to ""', async () => {
      const res = await survey({
        rid: room._id,
        token: null,
        data: [{ name: 'satisfaction', value: '5' }],
      });
      expect(res.status).toBe(400);
      expect(res.body).toEqual(INVALID_TOKEN);
    });

    it('answers invalid-params, not invalid-token, for an unknown token without data', async () => {
      const res = await survey({ rid: room._id, token: 'no-such-token' });
      expect(res.status).toBe(400);
      expect(res.body).toEqual({
        success: false,
        error: "must have required property 'data' [invalid-params]",
        errorType: 'invalid-params',
      });
    });

    it('answers [invalid-room] for an unknown rid, and stores nothing', async () => {
      const before = await snapshot();
      const res = await survey({
        rid: 'noSuchRoom',
        token: visitor.token,
        data: [{ name: 'satisfaction', value: '5' }],
      });
      expect(res.status).toBe(400);
      expect(res.text).toBe(JSON.stringify(INVALID_ROOM));
      expect(await snapshot()).toEqual(before);
    });

    it('answers [invalid-room] when the rid belongs to another visitor, whose room stays as it was', async () => {
      const other = rocketChatVisitor();
      const otherRoom = rocketChatRoom(other);
      await t.visitors.insertOne(other);
      await t.rooms.insertOne(otherRoom);
      const before = await snapshot();
      const res = await survey({
        rid: otherRoom._id,
        token: visitor.token,
        data: [{ name: 'satisfaction', value: '1' }],
      });
      expect(res.status).toBe(400);
      expect(res.body).toEqual(INVALID_ROOM);
      expect(await snapshot()).toEqual(before);
    });

    it('answers [invalid-room] for a room of the visitor that is not a livechat room', async () => {
      const direct = rocketChatRoom(visitor, { t: 'd' });
      await t.rooms.insertOne(direct);
      const res = await survey({
        rid: direct._id,
        token: visitor.token,
        data: [{ name: 'satisfaction', value: '1' }],
      });
      expect(res.body).toEqual(INVALID_ROOM);
      expect((await t.rooms.findOne({ _id: direct._id }))!.surveyFeedback).toBeUndefined();
    });

    it('answers [invalid-data] when nothing is kept, and stores nothing', async () => {
      const before = await snapshot();
      const res = await survey({
        rid: room._id,
        token: visitor.token,
        data: [
          { name: 'unknown', value: '5' },
          { name: 'satisfaction', value: 'great' },
        ],
      });
      expect(res.status).toBe(400);
      expect(res.text).toBe(JSON.stringify(INVALID_DATA));
      expect(await snapshot()).toEqual(before);
    });

    it('answers [invalid-room] before [invalid-data] when both apply', async () => {
      const res = await survey({
        rid: 'noSuchRoom',
        token: visitor.token,
        data: [{ name: 'unknown', value: '5' }],
      });
      expect(res.body).toEqual(INVALID_ROOM);
    });

    it('answers [invalid-room] when the room vanished, even though data was valid', async () => {
      await t.rooms.deleteOne({ _id: room._id });
      const res = await survey({
        rid: room._id,
        token: visitor.token,
        data: [{ name: 'satisfaction', value: '5' }],
      });
      expect(res.body).toEqual(INVALID_ROOM);
      expect(await storedRoom()).toBeNull();
    });

    it('never echoes the token in an error', async () => {
      const secret = 'secret-token-value-1234567890';
      for (const body of [
        { rid: room._id, token: secret, data: [{ name: 'satisfaction', value: '5' }] },
        { rid: room._id, token: secret, data: [] },
        { rid: room._id, token: { secret }, data: [{ name: 'satisfaction', value: '5' }] },
      ]) {
        const res = await survey(body);
        expect(res.status).toBe(400);
        expect(res.text).not.toContain('secret');
      }
    });
  });

  it('moves surveyFeedbackAt to the latest submission when answers are resubmitted', async () => {
    const body = {
      rid: room._id,
      token: visitor.token,
      data: [{ name: 'satisfaction', value: '2' }],
    };
    await survey(body).expect(200);
    const earlier = new Date('2026-01-01T00:00:00.000Z');
    await t.rooms.updateOne({ _id: room._id }, { $set: { surveyFeedbackAt: earlier } });
    await survey({ ...body, data: [{ name: 'satisfaction', value: '4' }] }).expect(200);
    const stored = (await storedRoom())!;
    expect(stored.surveyFeedback).toEqual({ satisfaction: '4' });
    expect((stored.surveyFeedbackAt as Date).getTime()).toBeGreaterThan(earlier.getTime());
    expect(stored.surveyFeedbackAt).toEqual(stored._updatedAt);
  });

  describe('database round trips', () => {
    it('costs 2 commands on success, 1 for an unknown token, 0 for bad params', async () => {
      const valid = {
        rid: room._id,
        token: visitor.token,
        data: [{ name: 'satisfaction', value: '5' }],
      };
      expect(await t.countCommands(() => survey(valid).expect(200))).toEqual(['find', 'update']);
      expect(await t.countCommands(() => survey({ ...valid, token: 'nope' }).expect(400))).toEqual([
        'find',
      ]);
      expect(await t.countCommands(() => survey({ ...valid, data: [] }).expect(400))).toEqual([]);
      expect(
        await t.countCommands(() => survey({ ...valid, rid: 'noSuchRoom' }).expect(400)),
      ).toEqual(['find', 'update']);
      expect(
        await t.countCommands(() =>
          survey({ ...valid, data: [{ name: 'x', value: '1' }] }).expect(400),
        ),
      ).toEqual(['find', 'find']);
    });

    it('writes the answers in one update statement, so an interrupted write cannot land half', async () => {
      const data = [{ name: 'agentKnowledge', value: '4' }];
      const [, update] = await t.captureCommands(() =>
        survey({ rid: room._id, token: visitor.token, data }).expect(200),
      );
      expect(update.commandName).toBe('update');
      expect(update.command.updates).toHaveLength(1);
      expect((await t.rooms.findOne({ _id: room._id }))?.surveyFeedback).toEqual({
        agentKnowledge: '4',
      });
    });
  });
});

describe('room.survey with configured items, values and collections', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({
      SURVEY_ITEMS: 'speed,quality',
      SURVEY_VALUES: 'good,bad',
      ROOMS_COLLECTION: 'lc_rooms',
      VISITORS_COLLECTION: 'lc_visitors',
    });
  });
  afterAll(() => t.close());

  it('keeps only the configured items and values, in the configured collections', async () => {
    const visitor = rocketChatVisitor();
    const room = rocketChatRoom(visitor);
    await t.db.collection<Doc>('lc_visitors').insertOne(visitor);
    await t.db.collection<Doc>('lc_rooms').insertOne(room);
    const res = await t
      .http()
      .post(SURVEY)
      .send({
        rid: room._id,
        token: visitor.token,
        data: [
          { name: 'speed', value: 'good' },
          { name: 'quality', value: '5' },
          { name: 'satisfaction', value: '5' },
        ],
      });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ rid: room._id, data: { speed: 'good' }, success: true });
    expect(
      (await t.db.collection<Doc>('lc_rooms').findOne({ _id: room._id }))!.surveyFeedback,
    ).toEqual({
      speed: 'good',
    });
  });
});
