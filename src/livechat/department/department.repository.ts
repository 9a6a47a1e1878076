import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { Department } from './department.schema';

/** Every query of Rocket.Chat's livechat departments collection (read only). */
@Injectable()
export class DepartmentRepository {
  constructor(@InjectModel(Department.name) private readonly departments: Model<Department>) {}

  /**
   * The `_id` of the department with that `_id` or that name (Rocket.Chat's findOneByIdOrName,
   * as its registerGuest uses it); undefined when there is none.
   */
  async idOf(idOrName: string): Promise<string | undefined> {
    const found = await this.departments
      .findOne({ $or: [{ _id: idOrName }, { name: idOrName }] }, { _id: 1 })
      .lean<{ _id: string }>()
      .exec();
    return found?._id;
  }

  /** The names of the departments that exist among `ids` (served by the _id index). */
  async names(ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const found = await this.departments
      .find({ _id: { $in: ids } }, { _id: 1, name: 1 })
      .lean<Array<{ _id: string; name?: string }>>()
      .exec();
    return new Map(
      found
        .filter((department) => typeof department.name === 'string')
        .map((department) => [department._id, department.name!]),
    );
  }
}
