import type { ScopedKey } from '../reports/api-keys';

/** The typed configuration the features inject (built from the settings in app.config.ts). */
export interface AppConfig {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  /** Prometheus metrics, on their own port (0: a free one). */
  metricsPort: number;
  database: {
    /** Set: an external MongoDB. Unset: the embedded FerretDB below. */
    uri?: string;
    /** MONGODB_DATABASE: the database on `uri`, over its path. Unset: the path's. */
    dbName?: string;
    serverSelectionTimeoutMS: number;
    /** DB_STARTUP_TIMEOUT_MS: how long start-up tries to reach MONGODB_URI. */
    startupTimeoutMS: number;
    /** DB_OPERATION_TIMEOUT_MS: each step of an operation (reply, connect, pool wait). */
    operationTimeoutMS: number;
    /** DB_MAX_POOL_SIZE; unset: EMBEDDED_DB_POOL_SIZE embedded, the driver's default on a URI. */
    maxPoolSize?: number;
    /** DB_BACKGROUND_POOL_SIZE: the background work's own pool. */
    backgroundPoolSize: number;
    monitorCommands: boolean;
    embedded: {
      dataDir: string;
      port: number;
      dbName: string;
      binary: string;
      /** EMBEDDED_DB_MAX_RESTARTS: restarts in a row of a FerretDB that exits on its own. */
      maxRestarts: number;
    };
  };
  survey: { items: readonly string[]; values: readonly string[] };
  collections: {
    rooms: string;
    visitors: string;
    settings: string;
    users: string;
    departments: string;
    messages: string;
  };
  reports: {
    /** REPORTS_API_KEYS: SHA-256 digests (hex, lower case) of read-only API keys. */
    apiKeyDigests: readonly string[];
    /** API_KEYS: scoped API keys (a digest in both settings holds both's scopes). */
    apiKeys: readonly ScopedKey[];
    maxRangeDays: number;
    satisfiedValues: readonly string[];
    /** Authenticated calls per credential per rateLimit.windowMs. */
    rateLimitMax: number;
    /** Rocket.Chat's origin, no trailing slash: answers link to `<it>/live/<rid>` when set. */
    rocketChatUrl?: string;
    /** REPORTS_MAX_CONCURRENT, REPORTS_QUEUE_MAX, REPORTS_QUEUE_WAIT_MS (report-slots.ts). */
    slots: { maxConcurrent: number; queueMax: number; queueWaitMs: number };
  };
  followups: {
    /** Answers with satisfaction at or below it form the follow-up queue. */
    maxSatisfaction: string;
  };
  visitors: {
    eraseClosesOpenRooms: boolean;
    /** Bounds on what a visitor keeps: livechatData keys, key and value lengths. */
    customFields: { max: number; keyLength: number; valueLength: number };
  };
  /** The interactive docs UI at /api-docs; /api-docs-json and /api-docs-yaml are always served. */
  apiDocsUi: boolean;
  limits: { body: string; surveyItems: number; stringLength: number };
  rateLimit: {
    enabled: boolean;
    max: number;
    strictMax: number;
    windowMs: number;
    /** How long a Redis call may take before this instance counts in memory instead. */
    redisTimeoutMs: number;
  };
  redisUrl?: string;
  trustProxy: boolean | number | string;
  corsOrigins: string[];
  logLevel: string;
  /** Readable lines in development, JSON elsewhere (log collectors parse it). */
  logFormat: 'json' | 'pretty';
  /** SHUTDOWN_DELAY_MS: serving on after SIGTERM, before the drain. */
  shutdownDelayMs: number;
  shutdownGraceMs: number;
  webhooks: {
    allowPrivate: boolean;
    /** Waits before each retry, in ms (WEBHOOKS_RETRY_SCHEDULE). */
    retryScheduleMs: readonly number[];
    timeoutMs: number;
    pollIntervalMs: number;
    /** WEBHOOKS_IDLE_POLL_MAX_MS: the dispatcher's idle wait, at most. */
    idlePollMaxMs: number;
    /** ROOM_CLOSED_POLL_MAX_MS: the room.closed watcher's idle wait, at most. */
    roomClosedPollMaxMs: number;
  };
  surveyLinks: {
    /** PUBLIC_URL without its trailing slash; unset: links cannot be made. */
    publicUrl?: string;
    ttlMs: number;
    /** Custom items' labels by item, then language (SURVEY_ITEM_LABELS). */
    itemLabels: Readonly<Record<string, Readonly<Record<string, string>>>>;
  };
}
