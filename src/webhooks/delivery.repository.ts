import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Filter } from 'mongodb';
import type { Connection } from 'mongoose';
import { InjectBackgroundConnection } from '../database/background-connection';
import {
  BACKGROUND,
  DELIVERIES_COLLECTION,
  LEASES_COLLECTION,
  type DeliveryDocument,
  type DeliveryStatus,
  type LeaseDocument,
} from './webhook.schema';

const DUPLICATE_KEY = 11000;
const isDuplicate = (error: unknown) => (error as { code?: number }).code === DUPLICATE_KEY;

/**
 * The deliveries and their attempt leases. The dispatcher's statements (BACKGROUND: polls,
 * fan-out, attempts) go through the background connection; the routes' lists through the
 * requests' one.
 */
@Injectable()
export class DeliveryRepository implements OnModuleInit {
  constructor(
    @InjectConnection() private readonly connection: Connection,
    @InjectBackgroundConnection() private readonly background: Connection,
  ) {}

  private get deliveries() {
    return this.connection.db!.collection<DeliveryDocument>(DELIVERIES_COLLECTION);
  }

  private get backgroundDeliveries() {
    return this.background.db!.collection<DeliveryDocument>(DELIVERIES_COLLECTION);
  }

  private get leases() {
    return this.background.db!.collection<LeaseDocument>(LEASES_COLLECTION);
  }

  async onModuleInit(): Promise<void> {
    await this.deliveries.createIndex(
      { status: 1, nextAttemptAt: 1 },
      { name: 'status_1_nextAttemptAt_1' },
    );
    await this.deliveries.createIndex(
      { hookId: 1, createdAt: -1 },
      { name: 'hookId_1_createdAt_-1' },
    );
  }

  /** False when it exists already (another instance fanned the event out first). */
  async insert(delivery: DeliveryDocument): Promise<boolean> {
    try {
      await this.backgroundDeliveries.insertOne(delivery, BACKGROUND);
      return true;
    } catch (error) {
      if (isDuplicate(error)) return false;
      throw error;
    }
  }

  /** Pending and due, paused hooks' left out (else they would fill every batch). */
  due(
    now: Date,
    limit: number,
    pausedHookIds: readonly string[] = [],
  ): Promise<DeliveryDocument[]> {
    const filter: Filter<DeliveryDocument> = { status: 'pending', nextAttemptAt: { $lte: now } };
    if (pausedHookIds.length > 0) filter.hookId = { $nin: [...pausedHookIds] };
    return this.backgroundDeliveries
      .find(filter, BACKGROUND)
      .sort({ nextAttemptAt: 1 })
      .limit(limit)
      .toArray();
  }

  findOne(id: string): Promise<DeliveryDocument | null> {
    return this.backgroundDeliveries.findOne({ _id: id }, BACKGROUND);
  }

  listOfHook(
    hookId: string,
    status: DeliveryStatus | undefined,
    offset: number,
    count: number,
  ): Promise<DeliveryDocument[]> {
    return this.deliveries
      .find({ hookId, ...(status && { status }) }, { projection: { body: 0 } })
      .sort({ createdAt: -1, _id: 1 })
      .skip(offset)
      .limit(count)
      .toArray();
  }

  countOfHook(hookId: string, status?: DeliveryStatus): Promise<number> {
    return this.deliveries.countDocuments({ hookId, ...(status && { status }) });
  }

  /** The oldest `limit` failed deliveries of a hook, without their bodies. */
  failedOfHook(hookId: string, limit: number): Promise<DeliveryDocument[]> {
    return this.deliveries
      .find({ hookId, status: 'failed' }, { projection: { body: 0 } })
      .sort({ createdAt: 1, _id: 1 })
      .limit(limit)
      .toArray();
  }

  /** Written only by the holder of the attempt's lease (FerretDB updates are not atomic). */
  async update(id: string, fields: Partial<DeliveryDocument>): Promise<void> {
    await this.backgroundDeliveries.updateOne({ _id: id }, { $set: fields }, BACKGROUND);
  }

  async deleteOfHook(hookId: string): Promise<void> {
    await this.deliveries.deleteMany({ hookId });
  }

  async pruneDelivered(before: Date): Promise<void> {
    await this.backgroundDeliveries.deleteMany(
      { status: 'delivered', deliveredAt: { $lt: before } },
      BACKGROUND,
    );
  }

  /**
   * Claims attempt `attempt` of a delivery: exactly one inserter wins. A lease older than
   * `staleBefore` belongs to an instance that died mid-attempt: it is removed (by its own
   * takenAt, so two instances cannot both remove a fresh one) and claimed once more.
   */
  async claim(deliveryId: string, attempt: number, staleBefore: Date): Promise<boolean> {
    const _id = `${deliveryId}#${attempt}`;
    const insert = () =>
      this.leases.insertOne({ _id, takenAt: new Date() }, BACKGROUND).then(
        () => true,
        (error: unknown) => {
          if (isDuplicate(error)) return false;
          throw error;
        },
      );
    if (await insert()) return true;
    const lease = await this.leases.findOne({ _id }, BACKGROUND);
    if (!lease || lease.takenAt >= staleBefore) return false;
    await this.leases.deleteOne({ _id, takenAt: lease.takenAt }, BACKGROUND);
    return insert();
  }

  async release(deliveryId: string, attempt: number): Promise<void> {
    await this.leases.deleteOne({ _id: `${deliveryId}#${attempt}` }, BACKGROUND);
  }
}
