import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** The visitor as a livechat room embeds it (Rocket.Chat's `v`). */
export interface RoomVisitor {
  _id: string;
  username: string;
  token: string;
  status?: string;
}

/**
 * A document of Rocket.Chat's `rocketchat_room` collection (livechat rooms: `t: 'l'`). Only the
 * fields this service reads or writes are declared; the others Rocket.Chat keeps there are never
 * touched, because every write is a `$set` of declared fields.
 */
@Schema({ versionKey: false })
export class Room {
  @Prop({ type: String, required: true })
  _id!: string;

  /** Room type; 'l' is a livechat room. */
  @Prop({ type: String, required: true })
  t!: string;

  @Prop({ type: Object })
  v?: RoomVisitor;

  @Prop({ type: Boolean })
  open?: boolean;

  @Prop({ type: Date })
  ts?: Date;

  @Prop({ type: Date })
  closedAt?: Date;

  @Prop({ type: Object })
  servedBy?: { _id: string; username: string };

  @Prop({ type: String })
  departmentId?: string;

  /** The survey answers, `{name: value}`, replaced whole on each submission. */
  @Prop({ type: Object })
  surveyFeedback?: Record<string, string>;

  @Prop({ type: Date })
  _updatedAt?: Date;
}

/** A fresh schema bound to the configured collection name. */
export function createRoomSchema(collection: string) {
  const schema = SchemaFactory.createForClass(Room);
  schema.set('collection', collection);
  return schema;
}
