import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema } from 'mongoose';

/** A document of Rocket.Chat's `rocketchat_settings` collection: `{_id: <setting id>, value}`. */
@Schema({ versionKey: false })
export class Setting {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: MongooseSchema.Types.Mixed })
  value?: unknown;

  @Prop({ type: Date })
  _updatedAt?: Date;
}

export function createSettingSchema(collection: string) {
  const schema = SchemaFactory.createForClass(Setting);
  schema.set('collection', collection);
  return schema;
}
