import type { mongo } from 'mongoose';

/** A stored document in its JSON form (dates as ISO strings), as answers carry documents. */
export type JsonDoc = { _id: string } & Record<string, unknown>;
type Collections = Record<'rooms' | 'visitors' | 'settings' | 'users' | 'departments', string>;
type Contents = Record<keyof Collections, Map<string, JsonDoc>>;

interface RoomVisitor {
  _id?: string;
  token?: string;
  username?: string;
}

const toJson = <T>(value: unknown): T => JSON.parse(JSON.stringify(value)) as T;

/** What a string becomes once stored: BSON is UTF-8, so a lone surrogate reads back as U+FFFD. */
export const stored = (text: string): string => Buffer.from(text, 'utf8').toString('utf8');

/** Times the service sets itself: any ISO string. */
const SOME_TIME = expect.any(String) as unknown;
const GUEST_COUNT = 'Livechat_guest_count';
// The fields the service removes on erasure (docs/api.md, "Deliberate differences from Rocket.Chat").
const ERASED = [
  'token',
  'name',
  'username',
  'visitorEmails',
  'phone',
  'livechatData',
  'ip',
  'host',
  'userAgent',
];
const ANONYMISED = [
  'fname',
  'email',
  'livechatData',
  'customFields',
  'lastMessage',
  'transcriptRequest',
];
const ANONYMISED_V = ['name', 'username', 'token', 'phone', 'visitorEmails'];

/**
 * The database as it must be: a snapshot taken once, changed only by what successful answers
 * say happened. `verify` compares it with the real collections; any other change (a write by
 * a rejected request, a write a success should not make) fails.
 */
export class DatabaseModel {
  private constructor(
    private readonly db: mongo.Db,
    private readonly collections: Collections,
    private readonly docs: Contents,
  ) {}

  static async snapshot(db: mongo.Db, collections: Collections): Promise<DatabaseModel> {
    return new DatabaseModel(db, collections, await read(db, collections));
  }

  async verify(): Promise<void> {
    const actual = await read(this.db, this.collections);
    for (const name of Object.keys(this.collections) as Array<keyof Collections>) {
      expect({ [name]: Object.fromEntries(actual[name]) }).toEqual({
        [name]: Object.fromEntries(this.docs[name]),
      });
    }
  }

  get rooms(): JsonDoc[] {
    return [...this.docs.rooms.values()];
  }

  visitor(id: string): JsonDoc | undefined {
    return this.docs.visitors.get(id);
  }

  /** The visitor `findOne({token})` finds. */
  visitorByToken(token: string): JsonDoc | undefined {
    return [...this.docs.visitors.values()].find((v) => v.token === stored(token));
  }

  /** The visitor's livechat room with that id, open or closed. */
  ownRoom(rid: string, token: string): JsonDoc | undefined {
    const room = this.docs.rooms.get(stored(rid));
    return room?.t === 'l' && roomVisitor(room).token === stored(token) ? room : undefined;
  }

  openRooms(token: string): JsonDoc[] {
    return this.rooms.filter(
      (r) => r.t === 'l' && r.open === true && roomVisitor(r).token === stored(token),
    );
  }

  /** Rocket.Chat's findOneByIdOrName: the department with that `_id` or that name. */
  departmentId(idOrName: string): string | undefined {
    const wanted = stored(idOrName);
    return [...this.docs.departments.values()].find(
      (department) => department._id === wanted || department.name === wanted,
    )?._id;
  }

  agent(id: string): JsonDoc | undefined {
    const user = this.docs.users.get(id);
    return (user?.roles as string[] | undefined)?.includes('livechat-agent') ? user : undefined;
  }

  surveyed(rid: string, feedback: Record<string, string>): void {
    this.updateRoom(stored(rid), (room) => ({
      ...room,
      surveyFeedback: Object.fromEntries(
        Object.entries(feedback).map(([name, value]) => [name, stored(value)]),
      ),
      surveyFeedbackAt: SOME_TIME,
      _updatedAt: SOME_TIME,
    }));
  }

  closed(rid: string, by: JsonDoc): void {
    this.updateRoom(stored(rid), ({ open: _open, ...room }) => ({
      ...room,
      closedAt: SOME_TIME,
      closedBy: { _id: by._id, username: by.username },
      closer: 'visitor',
      metrics: { ...(room.metrics as object), chatDuration: expect.any(Number) as unknown },
      _updatedAt: SOME_TIME,
    }));
  }

  opened(room: JsonDoc): void {
    this.docs.rooms.set(room._id, room);
  }

  /** A registration answered `visitor`; a new visitor named by the counter advances it. */
  registered(visitor: JsonDoc, guestNumber: number | null): void {
    this.docs.visitors.set(visitor._id, visitor);
    for (const room of this.openRooms(visitor.token as string)) {
      this.updateRoom(room._id, (r) => ({
        ...r,
        fname: visitor.name ?? visitor.username,
        v: { ...roomVisitor(r), _id: visitor._id, username: visitor.username, status: 'online' },
        _updatedAt: SOME_TIME,
      }));
    }
    if (guestNumber === null) return;
    const counter = this.docs.settings.get(GUEST_COUNT) ?? { _id: GUEST_COUNT, ...NEW_COUNTER };
    this.docs.settings.set(GUEST_COUNT, { ...counter, value: guestNumber, _updatedAt: SOME_TIME });
  }

  guestCount(): number {
    return Number(this.docs.settings.get(GUEST_COUNT)?.value ?? 1);
  }

  erased(visitorId: string): void {
    const visitor = this.docs.visitors.get(visitorId)!;
    this.docs.visitors.set(visitorId, {
      ...without(visitor, ERASED),
      disabled: true,
      _updatedAt: SOME_TIME,
    });
    for (const room of this.rooms) {
      if (room.t !== 'l' || roomVisitor(room)._id !== visitorId) continue;
      const closedBy = room.closedBy as RoomVisitor | undefined;
      this.updateRoom(room._id, (r) => ({
        ...without(r, ANONYMISED),
        v: without(roomVisitor(r), ANONYMISED_V),
        ...(closedBy && {
          closedBy: closedBy._id === visitorId ? without(closedBy, ['username']) : closedBy,
        }),
        _updatedAt: SOME_TIME,
      }));
    }
  }

  private updateRoom(id: string, change: (room: JsonDoc) => JsonDoc): void {
    this.docs.rooms.set(id, change(this.docs.rooms.get(id)!));
  }
}

// Rocket.Chat's Livechat_guest_count setting, as the service creates it when missing.
const NEW_COUNTER = {
  packageValue: 1,
  type: 'int',
  group: 'Omnichannel',
  hidden: true,
  blocked: false,
  public: false,
  ts: SOME_TIME,
};

function roomVisitor(room: JsonDoc): RoomVisitor & Record<string, unknown> {
  return (room.v ?? {}) as RoomVisitor & Record<string, unknown>;
}

function without<T extends object>(doc: T, fields: string[]): T {
  const copy = { ...doc } as Record<string, unknown>;
  for (const field of fields) delete copy[field];
  return copy as T;
}

async function read(db: mongo.Db, collections: Collections): Promise<Contents> {
  const entries = await Promise.all(
    Object.entries(collections).map(async ([name, collection]) => {
      const docs = await db.collection(collection).find({}).toArray();
      return [name, new Map(docs.map((doc) => [String(doc._id), toJson<JsonDoc>(doc)]))];
    }),
  );
  return Object.fromEntries(entries) as Contents;
}
