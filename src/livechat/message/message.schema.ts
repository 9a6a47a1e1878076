import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * A document of Rocket.Chat's `rocketchat_message` collection. This service never writes
 * messages; erasure deletes those of the visitor's rooms, as Rocket.Chat's does. Only the
 * fields its index names are declared.
 */
@Schema({ versionKey: false })
export class Message {
  @Prop({ type: String, required: true })
  _id!: string;

  /** The room the message belongs to. */
  @Prop({ type: String })
  rid?: string;

  @Prop({ type: Date })
  ts?: Date;

  @Prop({ type: Date })
  _updatedAt?: Date;
}

/** A fresh schema bound to the configured collection name, with Rocket.Chat's room index. */
export function createMessageSchema(collection: string) {
  const schema = SchemaFactory.createForClass(Message);
  schema.set('collection', collection);
  // Rocket.Chat's index (same keys, MongoDB's default name): serves the erasure's {rid: {$in}}.
  schema.index({ rid: 1, ts: 1, _updatedAt: 1 }, { name: 'rid_1_ts_1__updatedAt_1' });
  return schema;
}
