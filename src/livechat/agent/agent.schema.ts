import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** A document of Rocket.Chat's `users` collection, as far as a livechat agent is concerned. */
@Schema({ versionKey: false })
export class Agent {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: String })
  username?: string;

  /** The display name (the hosted survey page shows it). */
  @Prop({ type: String })
  name?: string;

  @Prop({ type: [String] })
  roles?: string[];
}

export function createAgentSchema(collection: string) {
  const schema = SchemaFactory.createForClass(Agent);
  schema.set('collection', collection);
  return schema;
}
