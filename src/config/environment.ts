import { plainToInstance, Transform } from 'class-transformer';
import {
  ArrayNotEmpty,
  ArrayUnique,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  Validate,
  ValidateIf,
  ValidatorConstraint,
  validateSync,
  type ValidationArguments,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { ApiKeysSetting } from '../reports/api-keys';

export const DEFAULT_SURVEY_ITEMS = [
  'satisfaction',
  'agentKnowledge',
  // Sic: Rocket.Chat's spelling, part of the wire contract that widgets send.
  'agentResposiveness',
  'agentFriendliness',
];
export const DEFAULT_SURVEY_VALUES = ['1', '2', '3', '4', '5'];

// Transforms read the raw variable (obj[key]): implicit conversion would already have turned
// "false" into true and a list into something else.
type Raw = { obj: Record<string, unknown>; key: string };

const parseBoolean = ({ obj, key }: Raw): unknown =>
  obj[key] === 'true' ? true : obj[key] === 'false' ? false : obj[key];

// A list of nothing but separators (``, `,`, ` , `) is an empty list, reported as such; an
// empty entry among others (`a,,b`) is kept, and refused as a bad entry.
const splitList = ({ obj, key }: Raw): unknown => {
  if (typeof obj[key] !== 'string') return obj[key];
  const entries = obj[key].split(',').map((entry) => entry.trim());
  return entries.every((entry) => entry === '') ? [] : entries;
};

/**
 * The database a connection string names in its path (`mongodb://hosts/<database>?options`);
 * undefined when it names none, and the driver would silently use `test`.
 */
export function uriDatabaseName(uri: string): string | undefined {
  const path = /^mongodb(?:\+srv)?:\/\/[^/?]*\/([^?]*)/.exec(uri)?.[1];
  if (!path) return undefined;
  try {
    return decodeURIComponent(path);
  } catch {
    return path; // bad percent-encoding: still a name, which the driver then refuses
  }
}

/**
 * Beside Rocket.Chat, the `test` database the driver falls back to (Atlas's default
 * `mongodb+srv://user:pw@host/?retryWrites=true` names none) holds no visitor: every request
 * would answer invalid-token. The message never quotes the URI: it may hold a password.
 */
@ValidatorConstraint({ name: 'namesDatabase' })
class NamesDatabase implements ValidatorConstraintInterface {
  validate(uri: unknown, { object }: ValidationArguments): boolean {
    if (typeof uri !== 'string' || (object as Environment).MONGODB_DATABASE !== undefined) {
      return true;
    }
    return uriDatabaseName(uri) !== undefined;
  }

  defaultMessage(): string {
    return (
      'MONGODB_URI names no database (the driver would silently use "test"): put it in the path ' +
      '(mongodb+srv://host/<database>?...) or set MONGODB_DATABASE'
    );
  }
}

/**
 * An integer variable: one message that says what is expected and quotes what was given (no
 * integer variable is secret). Only digits are read as a number, so `abc` or an empty value is
 * reported as itself, not as the NaN or 0 that implicit conversion would make of it.
 */
function IntegerVariable(min: number, max?: number, expected?: string): PropertyDecorator {
  const range = max === undefined ? `of at least ${min}` : `from ${min} to ${max}`;
  const message = ({ property, value }: ValidationArguments) =>
    `${property} must be ${expected ?? `a whole number ${range}`}, given ${JSON.stringify(String(value))}`;
  const decorators = [
    Transform(({ obj, key, value }: Raw & { value: unknown }) => {
      const raw = obj[key];
      return typeof raw === 'string' && !/^\s*-?\d+\s*$/.test(raw) ? raw : value;
    }),
    IsInt({ message }),
    Min(min, { message }),
    ...(max === undefined ? [] : [Max(max, { message })]),
  ];
  return (target, key) => decorators.forEach((decorate) => decorate(target, key));
}

const PortVariable = (min: number) =>
  IntegerVariable(min, 65535, `a port number (${min} to 65535)`);

/** Metrics on the API's own port would be public again, whatever the proxy blocks. */
@ValidatorConstraint({ name: 'differsFromPort' })
class DiffersFromPort implements ValidatorConstraintInterface {
  validate(port: unknown, { object }: ValidationArguments): boolean {
    return port === 0 || port !== (object as Environment).PORT;
  }

  defaultMessage(): string {
    return 'METRICS_PORT must differ from PORT: metrics are kept off the API port';
  }
}

/** SURVEY_ITEM_LABELS: a JSON object of items, each an object of language → label (text). */
@ValidatorConstraint({ name: 'itemLabelsJson' })
class ItemLabelsJson implements ValidatorConstraintInterface {
  validate(text: unknown): boolean {
    return parseItemLabels(text) !== null;
  }

  defaultMessage(): string {
    return 'SURVEY_ITEM_LABELS must be JSON such as {"effort":{"en":"How easy was it?","de":"Wie einfach war es?"}}';
  }
}

/** SURVEY_ITEM_LABELS parsed, or null when it is not an object of objects of strings. */
export function parseItemLabels(text: unknown): Record<string, Record<string, string>> | null {
  if (typeof text !== 'string') return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  const isObject = (value: unknown): value is Record<string, unknown> =>
    typeof value === 'object' && value !== null && !Array.isArray(value);
  if (!isObject(parsed)) return null;
  const ok = Object.values(parsed).every(
    (labels) => isObject(labels) && Object.values(labels).every((l) => typeof l === 'string'),
  );
  return ok ? (parsed as Record<string, Record<string, string>>) : null;
}

/**
 * Every environment variable the service reads, with its default. The one validation schema:
 * nothing else in the code reads process.env.
 */
export class Environment {
  // Every property has an explicit type: implicit conversion reads it from decorator metadata.
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: string = 'development';

  @PortVariable(1)
  PORT: number = 3000;

  /**
   * Prometheus metrics are served on this port only, never on PORT: the Service, ingress or load
   * balancer exposes PORT alone. 0: a free port (tests). It may not equal PORT.
   */
  @Validate(DiffersFromPort)
  @PortVariable(0)
  METRICS_PORT: number = 9464;

  @ValidateIf((env: Environment) => env.NODE_ENV === 'production' || env.MONGODB_URI !== undefined)
  @Validate(NamesDatabase)
  @Matches(/^mongodb(\+srv)?:\/\/\S+$/, {
    message: 'MONGODB_URI must be a mongodb:// or mongodb+srv:// connection string',
  })
  @IsNotEmpty({ message: 'MONGODB_URI is required when NODE_ENV=production' })
  MONGODB_URI?: string;

  /** The database on MONGODB_URI, over the URI's path (a URI that names none needs it). */
  @IsOptional()
  // MongoDB's rules: none of / \\ . space " $ * < > : | ? or NUL, and under 64 bytes.
  @Matches(/^[^/\\. "$*<>:|?\0]{1,63}$/, {
    message: 'MONGODB_DATABASE must be a database name (1-63 characters, none of /\\. "$*<>:|?)',
  })
  MONGODB_DATABASE?: string;

  @IntegerVariable(100)
  DB_SERVER_SELECTION_TIMEOUT_MS: number = 2000;

  /** How long start-up tries to reach MONGODB_URI (one log line per attempt) before exit 1. */
  @IntegerVariable(1000)
  DB_STARTUP_TIMEOUT_MS: number = 30_000;

  /**
   * The longest a database step may take (a reply, a new connection, a wait for a pooled one)
   * before the request answers 503: a connected but stalled server would otherwise hold the
   * request, and the room's write lock, for minutes. Unset: 3 s on MONGODB_URI, 10 s on the
   * embedded FerretDB, whose every query scans and whose pool of 2 queues a burst (measured:
   * p99 4.2 s for the survey at 10 connections, docs/PERFORMANCE.md).
   */
  @IsOptional()
  @IntegerVariable(100)
  DB_OPERATION_TIMEOUT_MS?: number;

  /**
   * The driver's connection pool per instance. Unset: 2 on the embedded database (measured:
   * FerretDB shares the machine's cores, and more connections only queue inside it; see
   * docs/PERFORMANCE.md), the driver's default (100) on MONGODB_URI.
   */
  @IsOptional()
  @IntegerVariable(1, 1000)
  DB_MAX_POOL_SIZE?: number;

  /**
   * The background work's own connection pool (webhook polls, deliveries, the room.closed
   * watcher), apart from the requests' pool so that it never holds a connection a request waits
   * for (docs/PERFORMANCE.md, background phase).
   */
  @IntegerVariable(1, 100)
  DB_BACKGROUND_POOL_SIZE: number = 1;

  /** Emit the driver's command events (debugging, and the round-trip tests). */
  @Transform(parseBoolean)
  @IsBoolean({ message: 'DB_MONITOR_COMMANDS must be true or false' })
  DB_MONITOR_COMMANDS: boolean = false;

  @IsString()
  @IsNotEmpty()
  EMBEDDED_DB_DIR: string = '.data/ferretdb';

  @PortVariable(1)
  EMBEDDED_DB_PORT: number = 27117;

  /**
   * Restarts in a row of an embedded FerretDB that exits on its own (waits of 1, 2, 4... s)
   * before the service exits 1 for a process manager; 0: exit at its first exit.
   */
  @IntegerVariable(0, 100)
  EMBEDDED_DB_MAX_RESTARTS: number = 5;

  @IsString()
  @IsNotEmpty()
  EMBEDDED_DB_NAME: string = 'livechat_survey';

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  FERRETDB_BIN?: string;

  @Transform(splitList)
  @ArrayNotEmpty({ message: 'SURVEY_ITEMS must list at least one item name' })
  @ArrayUnique({ message: 'SURVEY_ITEMS must not repeat a name' })
  // A leading letter keeps names such as __proto__ or $set out of stored keys.
  @Matches(/^[A-Za-z][A-Za-z0-9_-]*$/, {
    each: true,
    message: 'SURVEY_ITEMS must be a comma-separated list of names (letters, digits, _ or -)',
  })
  SURVEY_ITEMS: string[] = DEFAULT_SURVEY_ITEMS;

  @Transform(splitList)
  @ArrayNotEmpty({ message: 'SURVEY_VALUES must list at least one value' })
  @ArrayUnique({ message: 'SURVEY_VALUES must not repeat a value' })
  @Matches(/^\S+$/, {
    each: true,
    message: 'SURVEY_VALUES must be a comma-separated list of non-empty values',
  })
  SURVEY_VALUES: string[] = DEFAULT_SURVEY_VALUES;

  @Matches(/^[A-Za-z_][A-Za-z0-9_.-]*$/, { message: 'ROOMS_COLLECTION must be a collection name' })
  ROOMS_COLLECTION: string = 'rocketchat_room';

  @Matches(/^[A-Za-z_][A-Za-z0-9_.-]*$/, {
    message: 'VISITORS_COLLECTION must be a collection name',
  })
  VISITORS_COLLECTION: string = 'rocketchat_livechat_visitor';

  @Matches(/^[A-Za-z_][A-Za-z0-9_.-]*$/, {
    message: 'SETTINGS_COLLECTION must be a collection name',
  })
  SETTINGS_COLLECTION: string = 'rocketchat_settings';

  @Matches(/^[A-Za-z_][A-Za-z0-9_.-]*$/, { message: 'USERS_COLLECTION must be a collection name' })
  USERS_COLLECTION: string = 'users';

  @Matches(/^[A-Za-z_][A-Za-z0-9_.-]*$/, {
    message: 'DEPARTMENTS_COLLECTION must be a collection name',
  })
  DEPARTMENTS_COLLECTION: string = 'rocketchat_livechat_department';

  // --- Reports ---------------------------------------------------------------------------
  /**
   * SHA-256 digests (hex) of API keys that may read reports (reports:read only), never the keys:
   * kept for deployments made before API_KEYS, with a warning at start.
   */
  @Transform(({ obj, key }: Raw) =>
    typeof obj[key] === 'string'
      ? obj[key]
          .split(',')
          .map((entry) => entry.trim().toLowerCase())
          .filter(Boolean)
      : obj[key],
  )
  @Matches(/^[0-9a-f]{64}$/, {
    each: true,
    message:
      'REPORTS_API_KEYS must be comma-separated SHA-256 digests in hex (npm run api-key prints one)',
  })
  REPORTS_API_KEYS: string[] = [];

  /** Scoped API keys: `<digest>:<scope>+<scope>`, comma-separated (src/reports/api-keys.ts). */
  @IsString({ message: 'API_KEYS must be text' })
  @Validate(ApiKeysSetting)
  API_KEYS: string = '';

  /** The longest period a report may cover. */
  @IntegerVariable(1, 3660)
  REPORTS_MAX_RANGE_DAYS: number = 366;

  /** The satisfaction values that count as satisfied (CSAT); unset: 4 and 5, when allowed. */
  @IsOptional()
  @Transform(splitList)
  @ArrayNotEmpty({ message: 'REPORTS_SATISFIED_VALUES must list at least one value' })
  @ArrayUnique({ message: 'REPORTS_SATISFIED_VALUES must not repeat a value' })
  REPORTS_SATISFIED_VALUES?: string[];

  /**
   * Rocket.Chat's public origin (and path prefix), e.g. https://chat.example.com: when set, each
   * answer in the reports links to its conversation there (`<ROCKETCHAT_URL>/live/<rid>`).
   */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/, {
    message:
      'ROCKETCHAT_URL must be an http(s) URL with no query or fragment, such as https://chat.example.com',
  })
  ROCKETCHAT_URL?: string;

  /**
   * Answers whose satisfaction is at or below it join the follow-up queue (survey.followups);
   * one of SURVEY_VALUES. Unset: "2" (survey.low_score's default) when a survey value, else the
   * first value.
   */
  @IsOptional()
  @IsString()
  FOLLOWUP_MAX_SATISFACTION?: string;

  /** Authenticated report calls per window (RATE_LIMIT_WINDOW_MS) per credential. */
  @IntegerVariable(1)
  REPORTS_RATE_LIMIT_MAX: number = 120;

  /**
   * Report passes (survey.report, survey.responses, survey.export.csv, survey.followups,
   * survey.dashboard) run at once per instance; unset: one less than the pool, at most 4, so the
   * survey path keeps a connection (embedded: 1).
   */
  @IsOptional()
  @IntegerVariable(1, 100)
  REPORTS_MAX_CONCURRENT?: number;

  /** Report calls waiting for a pass, first come first served; beyond, 503 service-busy. */
  @IntegerVariable(0, 10000)
  REPORTS_QUEUE_MAX: number = 20;

  /** How long a report call waits for a pass before it answers 503 service-busy. */
  @IntegerVariable(1, 600_000)
  REPORTS_QUEUE_WAIT_MS: number = 30_000;
  /** Rocket.Chat's messages: erasure deletes those of the visitor's rooms. */
  @Matches(/^[A-Za-z_][A-Za-z0-9_.-]*$/, {
    message: 'MESSAGES_COLLECTION must be a collection name',
  })
  MESSAGES_COLLECTION: string = 'rocketchat_message';

  // --- Limits and abuse ------------------------------------------------------------------
  /** Largest accepted request body (bytes, or with kb/mb); larger gets 413. */
  @Matches(/^\d+(b|kb|mb)?$/i, { message: 'BODY_LIMIT must be a size such as 1mb, 512kb or 65536' })
  BODY_LIMIT: string = '1mb';

  @IntegerVariable(1)
  SURVEY_MAX_ITEMS: number = 100;

  @IntegerVariable(1)
  MAX_STRING_LENGTH: number = 10000;

  @Transform(parseBoolean)
  @IsBoolean({ message: 'RATE_LIMIT_ENABLED must be true or false' })
  RATE_LIMIT_ENABLED: boolean = true;

  /** Requests per window per client IP, and per visitor token, on each route (Rocket.Chat: 10). */
  @IntegerVariable(1)
  RATE_LIMIT_MAX: number = 10;

  /** The same for GET room and POST visitor (Rocket.Chat: 5). */
  @IntegerVariable(1)
  RATE_LIMIT_STRICT_MAX: number = 5;

  @IntegerVariable(1000)
  RATE_LIMIT_WINDOW_MS: number = 60000;

  /** Redis for rate-limit counters shared by instances; unset: counters in memory. */
  @IsOptional()
  @Matches(/^rediss?:\/\/\S+$/, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  /**
   * How long a rate-limit call to Redis may take; past it (Redis stopped, stalled, unreachable)
   * the instance counts in its own memory until Redis answers again.
   */
  @IntegerVariable(10, 1000)
  RATE_LIMIT_REDIS_TIMEOUT_MS: number = 250;

  /** Express "trust proxy": false, true, a hop count, or comma-separated addresses/subnets. */
  @Matches(/^(true|false|\d+|[0-9a-fA-F.:/,\s]+|loopback|linklocal|uniquelocal)$/, {
    message: 'TRUST_PROXY must be true, false, a hop count or a list of addresses',
  })
  TRUST_PROXY: string = 'false';

  /** Origins allowed by CORS (the widget's sites), comma-separated; empty: no CORS headers. */
  @IsString()
  CORS_ORIGINS: string = '';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: string = 'info';

  /** json (one JSON object per line) or pretty (readable lines); unset: pretty in development. */
  @IsOptional()
  @IsIn(['json', 'pretty'], { message: 'LOG_FORMAT must be json or pretty' })
  LOG_FORMAT?: string;
  /**
   * After SIGTERM, how long the service keeps serving (new connections too) before it stops
   * accepting: load balancers take a moment to stop routing to an instance that is going away.
   */
  @IntegerVariable(0, 120000)
  SHUTDOWN_DELAY_MS: number = 0;

  /** How long SIGTERM waits for in-flight requests before the process exits anyway. */
  @IntegerVariable(0)
  SHUTDOWN_GRACE_MS: number = 10000;

  /** Serve the interactive API docs at /api-docs (the JSON and YAML documents are always served). */
  @Transform(parseBoolean)
  @IsBoolean({ message: 'API_DOCS_ENABLED must be true or false' })
  API_DOCS_ENABLED: boolean = true;

  /** Erasing a visitor with an open room closes it first (Rocket.Chat refuses by default). */
  @Transform(parseBoolean)
  @IsBoolean({ message: 'VISITOR_ERASE_CLOSES_OPEN_ROOMS must be true or false' })
  VISITOR_ERASE_CLOSES_OPEN_ROOMS: boolean = false;

  /**
   * Most custom fields (livechatData keys) one visitor keeps. Rocket.Chat stores only the few
   * an administrator defined; without a cap, registrations grow a visitor toward MongoDB's
   * 16 MB document limit.
   */
  @IntegerVariable(1)
  VISITOR_MAX_CUSTOM_FIELDS: number = 50;

  /** Longest custom field key (values are bounded by MAX_STRING_LENGTH). */
  @IntegerVariable(1)
  VISITOR_CUSTOM_FIELD_KEY_MAX_LENGTH: number = 100;

  /** Webhook URLs may reach loopback and private addresses (tests, on-premise receivers). */
  @Transform(parseBoolean)
  @IsBoolean({ message: 'WEBHOOKS_ALLOW_PRIVATE must be true or false' })
  WEBHOOKS_ALLOW_PRIVATE: boolean = false;

  /** The waits before each retry of a failed delivery (ms, s, m, h), then `failed`. */
  @Transform(splitList)
  @ArrayNotEmpty({ message: 'WEBHOOKS_RETRY_SCHEDULE must list at least one duration' })
  @Matches(/^\d+(ms|s|m|h)$/, {
    each: true,
    message: 'WEBHOOKS_RETRY_SCHEDULE must be comma-separated durations such as 5s,5m,2h',
  })
  WEBHOOKS_RETRY_SCHEDULE: string[] = ['5s', '5m', '30m', '2h', '5h', '10h', '10h'];

  /** How long a receiver may take to answer one delivery. */
  @IntegerVariable(100)
  WEBHOOKS_TIMEOUT_MS: number = 10_000;

  /** How often each instance looks for new events, due deliveries and the webhook count. */
  @IntegerVariable(50)
  WEBHOOKS_POLL_INTERVAL_MS: number = 1000;

  /**
   * The webhook dispatcher's longest wait between polls of the outbox and the due deliveries:
   * it polls every WEBHOOKS_POLL_INTERVAL_MS while it finds work, and doubles the wait up to
   * this while it finds none. This instance's own events, retries and requeues wake it at once;
   * the bound is how late it takes over what another instance left (one that died mid-work).
   */
  @IntegerVariable(50)
  WEBHOOKS_IDLE_POLL_MAX_MS: number = 10_000;

  /**
   * The room.closed watcher's longest wait between polls of the rooms' closedAt: it polls every
   * WEBHOOKS_POLL_INTERVAL_MS while rooms close, and doubles the wait up to this while none do.
   * Unset: 30 s on a MongoDB (Rocket.Chat may close rooms beside this service), 5 min on the
   * embedded database, where every poll scans the rooms and only this service closes them (its
   * own closes are sent at once, by room id).
   */
  @IsOptional()
  @IntegerVariable(50)
  ROOM_CLOSED_POLL_MAX_MS?: number;
  // --- Survey links (src/survey-links) ----------------------------------------------------
  /**
   * The service's public origin (and path prefix, if any) that survey links start with, e.g.
   * https://survey.example.com. Never taken from a request's Host header: a forged header would
   * make the service hand out links to someone else's site.
   */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/, {
    message:
      'PUBLIC_URL must be an http(s) URL with no query or fragment, such as https://survey.example.com',
  })
  PUBLIC_URL?: string;

  /** How long a survey link stays open, in days (Chatwoot's CSAT links: 14). */
  @IntegerVariable(1, 365)
  SURVEY_LINK_TTL_DAYS: number = 14;

  /**
   * Labels of custom survey items on the hosted page, per language:
   * `{"effort":{"en":"How easy was it?","de":"Wie einfach war es?"}}`. Rocket.Chat's own items
   * have labels in every language already; an item with none is shown by its name, humanised.
   */
  @IsOptional()
  @Validate(ItemLabelsJson)
  SURVEY_ITEM_LABELS?: string;
}

/** Validates raw variables; throws one error that names every bad variable. */
export function validateEnvironment(raw: Record<string, string | undefined>): Environment {
  const defined = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined));
  const env = plainToInstance(Environment, defined, {
    enableImplicitConversion: true,
    exposeDefaultValues: true,
  });
  const errors = validateSync(env, { stopAtFirstError: true });
  const satisfied = env.REPORTS_SATISFIED_VALUES ?? [];
  const unknown = satisfied.filter((value) => !env.SURVEY_VALUES?.includes(value));
  if (errors.length === 0 && unknown.length > 0) {
    throw new Error(
      `Invalid configuration:\n  REPORTS_SATISFIED_VALUES: ${unknown.join(', ')} not in SURVEY_VALUES`,
    );
  }
  const followup = env.FOLLOWUP_MAX_SATISFACTION;
  if (errors.length === 0 && followup !== undefined && !env.SURVEY_VALUES.includes(followup)) {
    throw new Error(
      `Invalid configuration:\n  FOLLOWUP_MAX_SATISFACTION: ${followup} not in SURVEY_VALUES`,
    );
  }
  if (errors.length > 0) {
    const lines = errors.map(
      (e) => `  ${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`,
    );
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return env;
}
