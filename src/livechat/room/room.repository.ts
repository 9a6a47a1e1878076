import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { KeyedMutex } from '../../common/keyed-mutex';
import { isFerretDb } from '../../database/ferretdb.process';
import { ensureDeclaredIndexes } from '../../database/indexes';
import { Room } from './room.schema';

/** Rocket.Chat's room type for livechat rooms. */
export const LIVECHAT_ROOM = 'l';

/**
 * Where a room's answers came from. Rocket.Chat's widget (and Rocket.Chat itself) store no source:
 * an answer without `surveyFeedbackSource` is the widget's; only the hosted page's carry `link`.
 */
export type SurveySource = 'widget' | 'link';

/** A room document as stored (Rocket.Chat's fields included), as routes return it. */
export type RoomDocument = Room & Record<string, unknown>;

export interface RoomClosing {
  closedAt: Date;
  closedBy: { _id: string; username?: string };
  closer: 'visitor';
  chatDuration: number;
}

// Erasure keeps the room (and its survey) for reports, without the visitor's personal data.
const ANONYMISED_FIELDS = [
  'fname',
  'v.name',
  'v.username',
  'v.token',
  'v.phone',
  'v.visitorEmails',
  'email',
  'livechatData',
  'customFields',
  'lastMessage',
  'transcriptRequest',
];

/**
 * The survey write, one update statement. MongoDB: a $set of the whole answers (atomic, and it
 * replaces them, as Rocket.Chat does). FerretDB v1 compares embedded documents by their values
 * alone and skips a $set of one it finds "equal" ({additionalFeedback: "3"} would never become
 * {satisfaction: "3"}): there each answer is set by its own path and every other answer name
 * unset. Still one statement: FerretDB writes the document once per statement, so a write cut
 * short by an outage never leaves a room without its previous answers (an unset statement
 * followed by a set statement could land alone, found by the database-restart fault test).
 */
export function surveyUpdate(
  feedback: Record<string, string>,
  onFerretDb: boolean,
  answerNames: readonly string[],
  now: Date,
  source: SurveySource = 'widget',
) {
  // surveyFeedbackAt: when the answers were submitted here (reports place them by it).
  const $set: Record<string, unknown> = { surveyFeedbackAt: now, _updatedAt: now };
  const $unset: Record<string, 1> = {};
  // A widget answer replacing a link's is the widget's: the source goes with the answers.
  if (source === 'link') $set.surveyFeedbackSource = source;
  else $unset.surveyFeedbackSource = 1;
  if (!onFerretDb) $set.surveyFeedback = feedback;
  else {
    for (const [name, value] of Object.entries(feedback)) $set[`surveyFeedback.${name}`] = value;
    for (const name of answerNames) {
      if (!Object.hasOwn(feedback, name)) $unset[`surveyFeedback.${name}`] = 1;
    }
  }
  return Object.keys($unset).length > 0 ? { $set, $unset } : { $set };
}

/**
 * Every query of the rooms collection. Writes to one room are serialized in this process
 * (FerretDB v1 updates are read-modify-write: a close racing a survey would lose one of them).
 */
@Injectable()
export class RoomRepository implements OnModuleInit {
  private readonly logger = new Logger(RoomRepository.name);
  private readonly writes = new KeyedMutex();
  /** FerretDB (buildInfo.ferretdbVersion) needs one write to be done differently; see below. */
  private onFerretDb = false;

  constructor(@InjectModel(Room.name) private readonly rooms: Model<Room>) {}

  async onModuleInit(): Promise<void> {
    await ensureDeclaredIndexes(this.rooms, this.logger);
    this.onFerretDb = await isFerretDb(this.rooms.db.db!);
  }

  /** The visitor's own livechat room, open or closed (served by the `_id` index). */
  async existsForVisitor(rid: string, token: string): Promise<boolean> {
    const room = await this.rooms
      .findOne({ _id: rid, t: LIVECHAT_ROOM, 'v.token': token }, { _id: 1 })
      .lean()
      .exec();
    return room !== null;
  }

  /** The visitor's own livechat room, open or closed, whole. */
  findForVisitor(rid: string, token: string): Promise<RoomDocument | null> {
    return this.rooms
      .findOne({ _id: rid, t: LIVECHAT_ROOM, 'v.token': token })
      .lean<RoomDocument>()
      .exec();
  }

  /** A room by id alone, whole (survey links judge its type, visitor and answers themselves). */
  findById(rid: string): Promise<RoomDocument | null> {
    return this.rooms.findOne({ _id: rid }).lean<RoomDocument>().exec();
  }

  /** The visitor's open livechat room (served by `v.token_1_email.thread_1`). */
  findOpen(token: string, rid?: string): Promise<RoomDocument | null> {
    return this.rooms
      .findOne({ 'v.token': token, t: LIVECHAT_ROOM, open: true, ...(rid && { _id: rid }) })
      .lean<RoomDocument>()
      .exec();
  }

  async listOpenIds(token: string): Promise<string[]> {
    const rooms = await this.rooms
      .find({ 'v.token': token, t: LIVECHAT_ROOM, open: true }, { _id: 1 })
      .lean()
      .exec();
    return rooms.map((room) => room._id);
  }

  async insert(room: RoomDocument): Promise<void> {
    await this.rooms.collection.insertOne(room as never);
  }

  /**
   * Replaces the room's survey answers, still requiring it to be the visitor's livechat room.
   * Returns false when no such room exists. `first` runs in the room's write turn, with the
   * time the answers get, right before the update (the webhooks' outbox event).
   */
  async setSurveyFeedback(
    rid: string,
    token: string,
    feedback: Record<string, string>,
    answerNames: readonly string[],
    source: SurveySource = 'widget',
    first?: (now: Date) => Promise<void>,
  ): Promise<boolean> {
    const visitorsRoom = { _id: rid, t: LIVECHAT_ROOM, 'v.token': token };
    const result = await this.writes.run(rid, async () => {
      const now = new Date();
      await first?.(now);
      const update = surveyUpdate(feedback, this.onFerretDb, answerNames, now, source);
      return this.rooms.updateOne(visitorsRoom, update).exec();
    });
    return result.matchedCount > 0;
  }

  /** Closes the visitor's open room the way Rocket.Chat does; false when it was not open. */
  async close(rid: string, token: string, closing: RoomClosing): Promise<boolean> {
    const result = await this.writes.run(rid, () =>
      this.rooms
        .updateOne(
          { _id: rid, t: LIVECHAT_ROOM, 'v.token': token, open: true },
          {
            $unset: { open: 1 },
            $set: {
              closedAt: closing.closedAt,
              closedBy: closing.closedBy,
              closer: closing.closer,
              'metrics.chatDuration': closing.chatDuration,
              _updatedAt: closing.closedAt,
            },
          },
        )
        .exec(),
    );
    return result.matchedCount > 0;
  }

  /** Copies a changed visitor into their open rooms (`fname`, `v`), as Rocket.Chat does. */
  async updateVisitorCopy(visitor: {
    _id: string;
    token: string;
    username?: string;
    name?: string;
  }) {
    for (const rid of await this.listOpenIds(visitor.token)) {
      await this.writes.run(rid, () =>
        this.rooms
          .updateOne(
            { _id: rid, 'v.token': visitor.token },
            {
              $set: {
                fname: visitor.name ?? visitor.username,
                'v._id': visitor._id,
                'v.username': visitor.username,
                'v.status': 'online',
                _updatedAt: new Date(),
              },
            },
          )
          .exec(),
      );
    }
  }

  /** The ids of a visitor's livechat rooms, open or closed (served by `v._id_1`). */
  async listIdsOfVisitor(visitorId: string): Promise<string[]> {
    const rooms = await this.rooms
      .find({ 'v._id': visitorId, t: LIVECHAT_ROOM }, { _id: 1 })
      .lean()
      .exec();
    return rooms.map((room) => room._id);
  }

  /**
   * Removes a visitor's personal data from all their rooms (`rids`, as listed just before);
   * survey answers stay. One update command over `v._id_1`, whatever the number of rooms,
   * holding every room's write turn (FerretDB applies each document's update as
   * read-modify-write). `strict: 'throw'`: an undeclared path fails instead of being dropped.
   */
  async anonymiseVisitorRooms(visitorId: string, rids: string[]): Promise<void> {
    const visitorsRooms = { 'v._id': visitorId, t: LIVECHAT_ROOM };
    const now = new Date();
    await this.writes.runAll(rids, () =>
      this.rooms.bulkWrite(
        [
          {
            updateMany: {
              filter: visitorsRooms,
              update: {
                $unset: Object.fromEntries(ANONYMISED_FIELDS.map((field) => [field, 1])),
                $set: { _updatedAt: now },
              },
            },
          },
          {
            updateMany: {
              filter: { ...visitorsRooms, 'closedBy._id': visitorId },
              update: { $unset: { 'closedBy.username': 1 } },
            },
          },
        ],
        { ordered: true, strict: 'throw' },
      ),
    );
  }
}
