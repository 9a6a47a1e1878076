import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * A document of Rocket.Chat's `rocketchat_livechat_visitor` collection. Only the fields this
 * service reads or writes are declared; the others are never touched.
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
