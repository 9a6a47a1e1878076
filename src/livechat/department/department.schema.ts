import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** A document of Rocket.Chat's `rocketchat_livechat_department` (read only: reports' labels, visitors' departments). */
@Schema({ versionKey: false })
export class Department {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: String })
  name?: string;
}

export function createDepartmentSchema(collection: string) {
  const schema = SchemaFactory.createForClass(Department);
  schema.set('collection', collection);
  return schema;
}
