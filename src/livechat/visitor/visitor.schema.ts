import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema } from 'mongoose';

const Mixed = MongooseSchema.Types.Mixed;

/**
 * A document of Rocket.Chat's `rocketchat_livechat_visitor` collection. Only the fields this
 * service reads or writes are declared (Mongoose drops undeclared paths from updates); the
 * others are never touched.
 */
@Schema({ versionKey: false })
export class Visitor {
  @Prop({ type: String, required: true })
  _id!: string;

  /** The visitor's secret: the only credential of the public livechat API. */
  @Prop({ type: String })
  token?: string;

  @Prop({ type: String })
  username?: string;

  @Prop({ type: String })
  name?: string;

  @Prop({ type: String })
  status?: string;

  @Prop({ type: String })
  department?: string;

  @Prop({ type: Mixed })
  visitorEmails?: Array<{ address: string }>;

  @Prop({ type: Mixed })
  phone?: Array<{ phoneNumber: string }>;

  /** Custom fields, `{key: value}`. */
  @Prop({ type: Mixed })
  livechatData?: Record<string, string>;

  /** Set by erasure: the document stays, without personal data. */
  @Prop({ type: Boolean })
  disabled?: boolean;

  // Connection details Rocket.Chat records; removed by erasure.
  @Prop({ type: String })
  ip?: string;

  @Prop({ type: String })
  host?: string;

  @Prop({ type: String })
  userAgent?: string;

  @Prop({ type: Date })
  ts?: Date;

  @Prop({ type: Date })
  _updatedAt?: Date;
}

/** A fresh schema bound to the configured collection name, with Rocket.Chat's own index. */
export function createVisitorSchema(collection: string) {
  const schema = SchemaFactory.createForClass(Visitor);
  schema.set('collection', collection);
  // Rocket.Chat's index, same keys and name; not unique there, so not unique here.
  schema.index({ token: 1 }, { name: 'token_1' });
  return schema;
}
