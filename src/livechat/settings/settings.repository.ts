import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { KeyedMutex } from '../../common/keyed-mutex';
import { GUEST_COUNT } from './livechat-settings';
import { Setting } from './setting.schema';

/** Every query of Rocket.Chat's settings collection: read settings, and the guest counter. */
@Injectable()
export class SettingsRepository {
  private readonly writes = new KeyedMutex();

  constructor(@InjectModel(Setting.name) private readonly settings: Model<Setting>) {}

  /** A boolean setting; `fallback` (Rocket.Chat's default) when unset or not a boolean. */
  async getBoolean(id: string, fallback: boolean): Promise<boolean> {
    const setting = await this.settings.findOne({ _id: id }, { value: 1 }).lean().exec();
    return typeof setting?.value === 'boolean' ? setting.value : fallback;
  }

  /** A number setting above 0; `fallback` (Rocket.Chat's default) when unset or anything else. */
  async getPositiveNumber(id: string, fallback: number): Promise<number> {
    const setting = await this.settings.findOne({ _id: id }, { value: 1 }).lean().exec();
    const value = setting?.value;
    return typeof value === 'number' && value > 0 ? value : fallback;
  }

  /**
   * Rocket.Chat's next guest number: `Livechat_guest_count` incremented before use (default 1,
   * so the first guest is guest-2). `$inc` is atomic on MongoDB, shared with a Rocket.Chat beside
   * us; on FerretDB it is read-modify-write, so increments are serialized in this process.
   */
  nextGuestNumber(): Promise<number> {
    return this.writes.run(GUEST_COUNT, async () => {
      const increment = () =>
        this.settings
          .findOneAndUpdate(
            { _id: GUEST_COUNT },
            { $inc: { value: 1 }, $set: { _updatedAt: new Date() } },
            // No projection: FerretDB refuses one on findAndModify.
            { returnDocument: 'after' },
          )
          .lean()
          .exec();
      let setting = await increment();
      if (!setting) {
        await this.createGuestCount();
        setting = await increment();
      }
      return Number(setting?.value);
    });
  }

  /** The setting as Rocket.Chat creates it, unless another process just did. */
  private async createGuestCount(): Promise<void> {
    const now = new Date();
    await this.settings.collection
      .insertOne({
        _id: GUEST_COUNT as never,
        value: 1,
        packageValue: 1,
        type: 'int',
        group: 'Omnichannel',
        hidden: true,
        blocked: false,
        public: false,
        ts: now,
        _updatedAt: now,
      })
      .catch((error: { code?: number }) => {
        if (error.code !== 11000) throw error;
      });
  }
}
