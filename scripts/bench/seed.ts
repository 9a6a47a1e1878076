import { MongoClient, type Collection } from 'mongodb';
import type { AppConfig } from '../../src/config/app.config';
import { WEBHOOKS_COLLECTION } from '../../src/webhooks/webhook.schema';
import { rocketChatRoom, rocketChatVisitor, type Doc } from '../../test/support/factories';

/** A seeded visitor's room: a valid (rid, token) pair for the success path. */
export interface SeededRoom {
  rid: string;
  token: string;
  visitorId: string;
}

const BATCH = 1000;

/**
 * The bench data: one visitor and one open livechat room per visitor, in Rocket.Chat's shape
 * (the test factories' documents). Grows or shrinks to a given number of rooms.
 */
export class Seeder {
  readonly rooms: SeededRoom[] = [];

  private constructor(
    private readonly client: MongoClient,
    private readonly visitorsCollection: Collection<Doc>,
    private readonly roomsCollection: Collection<Doc>,
  ) {}

  static async connect(uri: string, collections: AppConfig['collections']): Promise<Seeder> {
    const client = await new MongoClient(uri, { serverSelectionTimeoutMS: 5000 }).connect();
    const db = client.db();
    return new Seeder(
      client,
      db.collection<Doc>(collections.visitors),
      db.collection<Doc>(collections.rooms),
    );
  }

  async resize(count: number): Promise<void> {
    while (this.rooms.length < count) {
      await this.insertBatch(Math.min(BATCH, count - this.rooms.length));
    }
    if (this.rooms.length > count) {
      const removed = this.rooms.splice(count);
      await this.roomsCollection.deleteMany({ _id: { $in: removed.map((r) => r.rid) } });
      await this.visitorsCollection.deleteMany({ _id: { $in: removed.map((r) => r.visitorId) } });
    }
  }

  /** What the database server says it is: FerretDB reports its own version in buildInfo. */
  async serverDescription(): Promise<{ description: string; ferretdb: boolean }> {
    const info = await this.client.db().admin().buildInfo();
    return typeof info.ferretdbVersion === 'string'
      ? { description: `FerretDB ${info.ferretdbVersion}`, ferretdb: true }
      : { description: `MongoDB ${String(info.version)}`, ferretdb: false };
  }

  /** Removes the bench database (on an external server; the bench's own FerretDB goes away). */
  async drop(): Promise<void> {
    await this.client.db().dropDatabase();
  }

  /** The registered webhooks, replaced (the background phase's cases). */
  async replaceHooks(hooks: Doc[]): Promise<void> {
    const collection = this.client.db().collection<Doc>(WEBHOOKS_COLLECTION);
    await collection.deleteMany({});
    if (hooks.length > 0) await collection.insertMany(hooks);
  }

  close(): Promise<void> {
    return this.client.close();
  }

  private async insertBatch(size: number): Promise<void> {
    const visitors = Array.from({ length: size }, () => rocketChatVisitor());
    const rooms = visitors.map((visitor) => rocketChatRoom(visitor));
    await Promise.all([
      this.visitorsCollection.insertMany(visitors, { ordered: false }),
      this.roomsCollection.insertMany(rooms, { ordered: false }),
    ]);
    rooms.forEach((room, i) => {
      this.rooms.push({ rid: room._id, token: visitors[i].token, visitorId: visitors[i]._id });
    });
  }
}
