import type { ParsedUrlQuery } from 'node:querystring';
import { ROOM_CLOSE_PARAMS_SCHEMA } from '../../../src/livechat/room/dto/room-close.dto';
import { ROOM_SURVEY_PARAMS_SCHEMA } from '../../../src/livechat/room/dto/room-survey.dto';
import { withLimits } from '../../../src/common/rocketchat-params.guard';
import { buildAppConfig } from '../../../src/config/app.config';
import { CONFIG_QUERY_SCHEMA } from '../../../src/livechat/settings/dto/livechat-config.dto';
import { bracketed, invalidParams, paramsJudge, plain } from './answers';
import { stored, type DatabaseModel, type JsonDoc } from './database-model';

type Body = Record<string, unknown>;

/** What a request must get: an exact body, or a check of a 200's body; `apply` updates the model. */
export interface Expected {
  status: number;
  text?: string;
  check?: (body: Body) => void;
  apply?: (body: Body) => void;
}

// Rocket.Chat's schemas with this service's documented size limits (the test app's defaults).
const { surveyItems, stringLength } = buildAppConfig({}).limits;
const limited = (schema: object) => withLimits(schema, surveyItems, stringLength);
const judgeSurvey = paramsJudge(limited(ROOM_SURVEY_PARAMS_SCHEMA));
const judgeClose = paramsJudge(limited(ROOM_CLOSE_PARAMS_SCHEMA));
const judgeConfig = paramsJudge(limited(CONFIG_QUERY_SCHEMA));
const ok = (body: object) => JSON.stringify({ ...body, success: true });
const customFieldLimits = buildAppConfig({}).visitors.customFields;
const visitorError = (errorType: string, message: string) =>
  JSON.stringify({
    success: false,
    error: `${message} [${errorType}]`,
    errorType,
    details: { method: 'livechat/visitor' },
  });

/**
 * Rocket.Chat's answer to each request, from its validator (AJV, compiled here) and the model
 * of the database: the service must agree on every generated request.
 */
export class Oracle {
  constructor(
    private readonly model: DatabaseModel,
    private readonly survey: { items: readonly string[]; values: readonly string[] },
  ) {}

  /** POST room.survey, for the body as Rocket.Chat reads it (coerced in place by the judge). */
  roomSurvey(read: unknown): Expected {
    const message = judgeSurvey(read);
    if (message !== null) return { status: 400, text: invalidParams(message) };
    const { token, rid, data } = read as { token: string; rid: string; data: Item[] };
    if (!this.model.visitorByToken(token)) return { status: 400, text: bracketed('invalid-token') };
    if (!this.model.ownRoom(rid, token)) return { status: 400, text: bracketed('invalid-room') };
    const kept = this.keep(data);
    if (!kept) return { status: 400, text: bracketed('invalid-data') };
    return {
      status: 200,
      text: ok({ rid, data: kept }),
      apply: () => this.model.surveyed(rid, kept),
    };
  }

  /** POST room.close (visitors may close: the seeded setting is on). */
  roomClose(read: unknown): Expected {
    const message = judgeClose(read);
    if (message !== null) return { status: 400, text: invalidParams(message) };
    const { token, rid } = read as { token: string; rid: string };
    const visitor = this.model.visitorByToken(token);
    if (!visitor) return { status: 400, text: plain('invalid-token') };
    const room = this.model.ownRoom(rid, token);
    if (!room) return { status: 400, text: plain('invalid-room') };
    if (room.open !== true) return { status: 400, text: plain('room-closed') };
    return {
      status: 200,
      text: ok({ rid, comment: 'Closed by visitor' }),
      apply: () => this.model.closed(rid, visitor),
    };
  }

  /** GET room; null when the query fails Meteor's check (any Match error will do). */
  room(query: ParsedUrlQuery): Expected | null {
    const keys = Object.keys(query);
    const { token, rid, agentId } = query;
    if (typeof token !== 'string') return null;
    if (
      !keys.every((k) => ['token', 'rid', 'agentId'].includes(k) && typeof query[k] === 'string')
    ) {
      return null;
    }
    const visitor = this.model.visitorByToken(token);
    if (!visitor) return { status: 400, text: plain('invalid-token') };
    const open = this.model.openRooms(token);
    const room = rid ? open.find((r) => r._id === stored(rid as string)) : open[0];
    if (room)
      return { status: 200, check: (body) => expect(body).toEqual(roomAnswer(room, false)) };
    if (rid) return { status: 400, text: plain('invalid-room') };
    return {
      status: 200,
      check: (body) => expect(body).toEqual(roomAnswer(this.newRoom(visitor, agentId), true)),
      apply: (body) => this.model.opened(body.room as JsonDoc),
    };
  }

  /** GET config: the widget configuration, with the guest and their open room for a known token. */
  config(query: ParsedUrlQuery): Expected {
    const message = judgeConfig(query);
    if (message !== null) return { status: 400, text: invalidParams(message) };
    const token = query.token as string | undefined;
    const visitor = token ? this.model.visitorByToken(token) : undefined;
    const room = visitor ? this.model.openRooms(visitor.token as string)[0] : undefined;
    return {
      status: 200,
      check: ({ config }) => {
        expect(config).toMatchObject({ enabled: true, online: true, survey: this.survey });
        const { activity: _activity, ...guest } = visitor ?? ({} as Body);
        expect((config as Body).guest).toEqual(visitor && guest);
        expect((config as Body).room).toEqual(room);
      },
    };
  }

  getVisitor(token: string): Expected {
    if (token === '') return { status: 404, text: plain('Not found') };
    const visitor = this.model.visitorByToken(token);
    if (!visitor) return { status: 400, text: bracketed('invalid-token') };
    return { status: 200, check: (body) => expect(body).toEqual({ visitor, success: true }) };
  }

  deleteVisitor(token: string): Expected {
    if (token === '') return { status: 404, text: plain('Not found') };
    const visitor = this.model.visitorByToken(token);
    if (!visitor) return { status: 400, text: bracketed('invalid-token') };
    if (this.model.openRooms(token).length > 0) {
      return {
        status: 400,
        text: bracketed('visitor-has-open-rooms', 'Cannot remove visitors with opened rooms'),
      };
    }
    return {
      status: 200,
      check: (body) => expect(body.visitor).toEqual({ _id: visitor._id, ts: expect.any(String) }),
      apply: () => this.model.erased(visitor._id),
    };
  }

  /**
   * What a successful registration stores from its input: the fields given (email trimmed and
   * lower-cased, the department by its `_id`), and custom fields whose key is letters, digits,
   * `_` and `-` (docs/api.md, "Deliberate differences from Rocket.Chat"), where
   * `overwrite: false` keeps a value the visitor already had.
   */
  registration(input: Body, known: JsonDoc | undefined) {
    const text = (value: unknown) => stored(value as string);
    const before = (known?.livechatData ?? {}) as Body;
    const livechatData = { ...before };
    for (const field of (input.customFields ?? []) as CustomField[]) {
      if (!/^[A-Za-z0-9_-]+$/.test(field.key)) continue;
      if (!field.overwrite && Object.hasOwn(before, field.key)) continue;
      const value = text(field.value);
      Object.defineProperty(livechatData, field.key, { value, enumerable: true, writable: true });
    }
    return {
      fields: {
        token: text(input.token),
        ...(input.name ? { name: text(input.name) } : {}),
        ...(input.email
          ? { visitorEmails: [{ address: text(input.email).trim().toLowerCase() }] }
          : {}),
        ...(input.phone ? { phone: [{ phoneNumber: text(input.phone) }] } : {}),
        ...(input.department
          ? { department: this.model.departmentId(input.department as string) }
          : {}),
      },
      livechatData,
    };
  }

  /** A department that is neither a department's `_id` nor its name: Rocket.Chat's plain error. */
  departmentError(input: Body): string | null {
    const { department } = input;
    if (typeof department !== 'string' || department === '') return null;
    return this.model.departmentId(department) ? null : plain('error-invalid-department');
  }

  /**
   * docs/api.md's bounds on custom fields, restated: the first key or value too long (in code
   * points), else more storable keys than a visitor keeps; null when the registration passes.
   */
  customFieldError(input: Body, known: JsonDoc | undefined): string | null {
    const { max, keyLength, valueLength } = customFieldLimits;
    const fields = (input.customFields ?? []) as CustomField[];
    for (const { key, value } of fields) {
      if ([...key].length > keyLength) {
        return visitorError(
          'error-invalid-custom-field',
          `Custom field keys have at most ${keyLength} characters`,
        );
      }
      if ([...value].length > valueLength) {
        return visitorError(
          'error-invalid-custom-field',
          `Custom field values have at most ${valueLength} characters`,
        );
      }
    }
    const before = Object.keys(known?.livechatData ?? {});
    const added = new Set(
      fields
        .filter(({ key }) => /^[A-Za-z0-9_-]+$/.test(key) && !before.includes(key))
        .map(({ key }) => key),
    );
    if (added.size === 0 || before.length + added.size <= max) return null;
    return visitorError(
      'error-too-many-custom-fields',
      `A visitor keeps at most ${max} custom fields`,
    );
  }

  /** Rocket.Chat's survey filter, restated: configured item with an allowed value, or free text. */
  private keep(data: Item[]): Record<string, string> | null {
    const kept: Record<string, string> = {};
    for (const { name, value } of data) {
      const configured = this.survey.items.includes(name) && this.survey.values.includes(value);
      if (name === 'additionalFeedback' || configured) kept[name] = value;
    }
    return Object.keys(kept).length > 0 ? kept : null;
  }

  private newRoom(visitor: JsonDoc, agentId: unknown) {
    const agent = typeof agentId === 'string' && agentId ? this.model.agent(agentId) : undefined;
    const someTime = expect.any(String) as unknown;
    return {
      _id: expect.any(String) as unknown,
      t: 'l',
      fname: visitor.name ?? visitor.username,
      ...(visitor.department ? { departmentId: visitor.department } : {}),
      v: {
        _id: visitor._id,
        username: visitor.username,
        token: visitor.token,
        status: visitor.status ?? 'online',
      },
      open: true,
      source: { type: 'api' },
      ...(agent && { servedBy: { _id: agent._id, username: agent.username, ts: someTime } }),
      ...{ msgs: 0, usersCount: 1, cl: false, waitingResponse: true },
      ...{ ts: someTime, lm: someTime, queuedAt: someTime, _updatedAt: someTime },
    };
  }
}

interface CustomField {
  key: string;
  value: string;
  overwrite: boolean;
}

interface Item {
  name: string;
  value: string;
}

const roomAnswer = (room: object, newRoom: boolean) => ({ room, newRoom, success: true });
