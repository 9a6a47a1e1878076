import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { KeyedMutex } from '../../common/keyed-mutex';
import { randomId } from '../../common/random-id';
import { ensureDeclaredIndexes } from '../../database/indexes';
import { Visitor } from './visitor.schema';

/** What a route needs to know of the visitor behind a token. */
export type VisitorRef = Pick<Visitor, '_id' | 'username' | 'name' | 'status' | 'department'> & {
  token: string;
};
/** A visitor document as stored (Rocket.Chat's fields included), as routes return it. */
export type VisitorDocument = Visitor & Record<string, unknown>;

/** The fields a registration sets; `livechatData` keys are set one by one. */
export interface VisitorChanges {
  name?: string;
  visitorEmails?: Array<{ address: string }>;
  phone?: Array<{ phoneNumber: string }>;
  department?: string;
  customFields?: Array<{ key: string; value: string; overwrite: boolean }>;
}

/** What register answers instead of a visitor when it would pass the custom field cap. */
export const TOO_MANY_CUSTOM_FIELDS = 'too-many-custom-fields';

const REF_PROJECTION = { _id: 1, username: 1, name: 1, status: 1, department: 1, token: 1 };
// Erasure removes the personal data and the credential; the document stays, disabled.
const ERASED_FIELDS = [
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

/**
 * Every query of the visitors collection. Writes to one visitor are serialized by token in this
 * process (FerretDB v1 updates are read-modify-write; see KeyedMutex).
 */
@Injectable()
export class VisitorRepository implements OnModuleInit {
  private readonly logger = new Logger(VisitorRepository.name);
  private readonly writes = new KeyedMutex();

  constructor(@InjectModel(Visitor.name) private readonly visitors: Model<Visitor>) {}

  async onModuleInit(): Promise<void> {
    await ensureDeclaredIndexes(this.visitors, this.logger);
  }

  /** Served by Rocket.Chat's `token_1` index. */
  findByToken(token: string): Promise<VisitorRef | null> {
    return this.visitors.findOne({ token }, REF_PROJECTION).lean<VisitorRef>().exec();
  }

  /** The whole document, as GET visitor and the widget config return it. */
  findDocumentByToken(token: string): Promise<VisitorDocument | null> {
    return this.visitors.findOne({ token }).lean<VisitorDocument>().exec();
  }

  /**
   * Creates the visitor with that token, or updates it (same `_id`, same username). Runs under
   * the token's lock, so concurrent first registrations of one token end as one visitor, and
   * concurrent ones cannot together pass `maxCustomFields`. `username` is called only for a new
   * visitor without one. Changes nothing when the visitor would keep more than
   * `maxCustomFields` custom fields (keys it already has may still change).
   */
  register(
    token: string,
    changes: VisitorChanges,
    username: () => Promise<string>,
    maxCustomFields: number,
  ): Promise<VisitorDocument | typeof TOO_MANY_CUSTOM_FIELDS> {
    return this.writes.run(token, async () => {
      const existing = await this.visitors
        .findOne({ token }, { _id: 1, livechatData: 1 })
        .lean()
        .exec();
      const now = new Date();
      const { customFields = [], ...fields } = changes;
      const set = { ...fields, status: 'online', _updatedAt: now };
      // Own keys only: `toString` or `constructor` must not be found on a prototype.
      const stored = new Set(Object.keys(existing?.livechatData ?? {}));
      const custom = customFieldPaths(stored, customFields);
      const added = Object.keys(custom).filter((path) => !stored.has(path.slice(PREFIX))).length;
      if (added > 0 && stored.size + added > maxCustomFields) {
        return TOO_MANY_CUSTOM_FIELDS;
      }
      let _id: string;
      if (existing) {
        _id = existing._id;
        await this.visitors.updateOne({ _id }, { $set: { ...set, ...custom } }).exec();
      } else {
        _id = randomId();
        await this.visitors.create({ _id, token, username: await username(), ts: now, ...set });
        if (Object.keys(custom).length > 0) {
          await this.visitors.updateOne({ _id }, { $set: custom }).exec();
        }
      }
      return (await this.visitors.findOne({ _id }).lean<VisitorDocument>().exec())!;
    });
  }

  /** Marks the visitor erased: `disabled: true`, personal data and token removed. */
  async erase(visitor: VisitorRef): Promise<void> {
    await this.writes.run(visitor.token, () =>
      this.visitors
        .updateOne(
          { _id: visitor._id },
          {
            $set: { disabled: true, _updatedAt: new Date() },
            $unset: Object.fromEntries(ERASED_FIELDS.map((field) => [field, 1])),
          },
          // An undeclared field would otherwise be dropped from the $unset silently.
          { strict: 'throw' },
        )
        .exec(),
    );
  }
}

const PREFIX = 'livechatData.'.length;

/**
 * Rocket.Chat's updateLivechatDataByToken, field by field: `overwrite: false` keeps a value
 * already set. Returns the `livechatData.<key>` paths to $set.
 */
function customFieldPaths(
  present: ReadonlySet<string>,
  fields: NonNullable<VisitorChanges['customFields']>,
): Record<string, string> {
  const set: Record<string, string> = {};
  // Judged against what was stored before this registration.
  for (const { key, value, overwrite } of fields) {
    if (!overwrite && present.has(key)) continue;
    set[`livechatData.${key}`] = value;
  }
  return set;
}
