import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema } from 'mongoose';

const Mixed = MongooseSchema.Types.Mixed;

/** The visitor as a livechat room embeds it (Rocket.Chat's `v`). */
export interface RoomVisitor {
  _id: string;
  username?: string;
  token?: string;
  status?: string;
}

/**
 * A document of Rocket.Chat's `rocketchat_room` collection (livechat rooms: `t: 'l'`). Only the
 * fields this service reads or writes are declared (Mongoose drops undeclared paths from
 * updates); the others Rocket.Chat keeps there are never touched, because every write is a
 * `$set`/`$unset` of declared paths.
 */
@Schema({ versionKey: false })
export class Room {
  @Prop({ type: String, required: true })
  _id!: string;

  /** Room type; 'l' is a livechat room. */
  @Prop({ type: String, required: true })
  t!: string;

  /** The visitor's display name in the room list. */
  @Prop({ type: String })
  fname?: string;

  @Prop({ type: Mixed })
  v?: RoomVisitor;

  /** Present (true) while the chat is open; Rocket.Chat removes it on close. */
  @Prop({ type: Boolean })
  open?: boolean;

  @Prop({ type: Date })
  ts?: Date;

  @Prop({ type: Date })
  closedAt?: Date;

  @Prop({ type: Mixed })
  closedBy?: { _id: string; username?: string };

  /** Who closed: 'visitor' or 'user'. */
  @Prop({ type: String })
  closer?: string;

  @Prop({ type: Mixed })
  metrics?: Record<string, unknown>;

  @Prop({ type: Mixed })
  servedBy?: { _id: string; username: string; ts?: Date };

  @Prop({ type: String })
  departmentId?: string;

  /** The survey answers, `{name: value}`, replaced whole on each submission. */
  @Prop({ type: Mixed })
  surveyFeedback?: Record<string, string>;

  /**
   * When the answers were last submitted (ours: Rocket.Chat does not store it). Reports place a
   * response in time by it, else by closedAt, else by ts.
   */
  @Prop({ type: Date })
  surveyFeedbackAt?: Date;

  /** `link` for answers from the hosted survey page; absent for the widget's (SurveySource). */
  @Prop({ type: String })
  surveyFeedbackSource?: string;

  /** Personal data that erasure removes: room custom fields and email-channel details. */
  @Prop({ type: Mixed })
  livechatData?: Record<string, unknown>;

  @Prop({ type: Mixed })
  email?: Record<string, unknown>;

  @Prop({ type: Mixed })
  customFields?: Record<string, unknown>;

  /**
   * Personal data beside a Rocket.Chat database, removed by erasure: a copy of the room's last
   * message (its text, its author's username and name) and a transcript request (an email).
   * Declared so that their $unset is not dropped by Mongoose's strict mode.
   */
  @Prop({ type: Mixed })
  lastMessage?: Record<string, unknown>;

  @Prop({ type: Mixed })
  transcriptRequest?: Record<string, unknown>;

  @Prop({ type: Date })
  _updatedAt?: Date;
}

/** A fresh schema bound to the configured collection name. */
export function createRoomSchema(collection: string) {
  const schema = SchemaFactory.createForClass(Room);
  schema.set('collection', collection);
  // Rocket.Chat's index for a visitor's rooms (same keys and name); serves the open-room lookup.
  schema.index({ 'v.token': 1, 'email.thread': 1 }, { name: 'v.token_1_email.thread_1' });
  // The survey reports' period filter is an $or over these three times: each branch needs its
  // own index on MongoDB. An index Rocket.Chat already has on the same keys is kept as it is
  // (ensureDeclaredIndexes); only missing ones are created.
  schema.index({ closedAt: 1 }, { name: 'closedAt_1' });
  schema.index({ surveyFeedbackAt: 1 }, { name: 'surveyFeedbackAt_1' });
  schema.index({ ts: 1 }, { name: 'ts_1' });
  // Rocket.Chat's index of a visitor's rooms by visitor id (same keys, name and options):
  // serves erasure's one multi-document update.
  schema.index({ 'v._id': 1 }, { name: 'v._id_1', sparse: true });
  return schema;
}
