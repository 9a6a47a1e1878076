import { resolve } from 'node:path';
import { registerAs } from '@nestjs/config';
import {
  DRIVER_POOL_SIZE,
  EMBEDDED_DB_OPERATION_TIMEOUT_MS,
  EMBEDDED_DB_POOL_SIZE,
  OPERATION_TIMEOUT_MS,
} from '../database/database.settings';
import { FERRETDB_BIN_DEFAULT } from '../database/embedded-database.settings';
import { DEFAULT_FOLLOWUP_MAX } from '../followups/followups.settings';
import { parseApiKeys } from '../reports/api-keys';
import { DEFAULT_SATISFIED_VALUES, reportPasses } from '../reports/reports.settings';
import {
  EMBEDDED_ROOM_CLOSED_POLL_MAX_MS,
  ROOM_CLOSED_POLL_MAX_MS,
} from '../room-closed/room-closed.settings';
import { parseItemLabels } from '../survey-links/survey-links.settings';
import type { AppConfig } from './app-config.interface';
import { readEnvironment } from './env-file';
import { validateEnvironment } from './environment';

// Re-exported: the benches size their servers as the service sizes itself (and its specs).
export { EMBEDDED_DB_OPERATION_TIMEOUT_MS, EMBEDDED_DB_POOL_SIZE, reportPasses };
export type { AppConfig };

const PROJECT_ROOT = resolve(__dirname, '..', '..');

const DURATION_UNITS_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

function durationMs(text: string): number {
  const [, amount, unit] = /^(\d+)(ms|s|m|h)$/.exec(text)!;
  return Number(amount) * DURATION_UNITS_MS[unit];
}

function trustProxy(value: string): boolean | number | string {
  if (value === 'true' || value === 'false') return value === 'true';
  return /^\d+$/.test(value) ? Number(value) : value;
}

export function buildAppConfig(raw: Record<string, string | undefined>): AppConfig {
  const env = validateEnvironment(raw);
  // Unset on a MongoDB URI: the driver's own default (DRIVER_POOL_SIZE).
  const maxPoolSize = env.DB_MAX_POOL_SIZE ?? (env.MONGODB_URI ? undefined : EMBEDDED_DB_POOL_SIZE);
  return {
    nodeEnv: env.NODE_ENV as AppConfig['nodeEnv'],
    port: env.PORT,
    metricsPort: env.METRICS_PORT,
    database: {
      uri: env.MONGODB_URI,
      dbName: env.MONGODB_DATABASE,
      serverSelectionTimeoutMS: env.DB_SERVER_SELECTION_TIMEOUT_MS,
      startupTimeoutMS: env.DB_STARTUP_TIMEOUT_MS,
      operationTimeoutMS:
        env.DB_OPERATION_TIMEOUT_MS ??
        (env.MONGODB_URI ? OPERATION_TIMEOUT_MS : EMBEDDED_DB_OPERATION_TIMEOUT_MS),
      maxPoolSize,
      backgroundPoolSize: env.DB_BACKGROUND_POOL_SIZE,
      monitorCommands: env.DB_MONITOR_COMMANDS,
      embedded: {
        dataDir: resolve(PROJECT_ROOT, env.EMBEDDED_DB_DIR),
        port: env.EMBEDDED_DB_PORT,
        maxRestarts: env.EMBEDDED_DB_MAX_RESTARTS,
        dbName: env.EMBEDDED_DB_NAME,
        binary: env.FERRETDB_BIN ?? resolve(PROJECT_ROOT, FERRETDB_BIN_DEFAULT),
      },
    },
    survey: { items: env.SURVEY_ITEMS, values: env.SURVEY_VALUES },
    collections: {
      rooms: env.ROOMS_COLLECTION,
      visitors: env.VISITORS_COLLECTION,
      settings: env.SETTINGS_COLLECTION,
      users: env.USERS_COLLECTION,
      departments: env.DEPARTMENTS_COLLECTION,
      messages: env.MESSAGES_COLLECTION,
    },
    reports: {
      apiKeyDigests: env.REPORTS_API_KEYS,
      apiKeys: parseApiKeys(env.API_KEYS).keys,
      maxRangeDays: env.REPORTS_MAX_RANGE_DAYS,
      satisfiedValues:
        env.REPORTS_SATISFIED_VALUES ??
        DEFAULT_SATISFIED_VALUES.filter((value) => env.SURVEY_VALUES.includes(value)),
      rateLimitMax: env.REPORTS_RATE_LIMIT_MAX,
      rocketChatUrl: env.ROCKETCHAT_URL?.replace(/\/+$/, ''),
      slots: {
        maxConcurrent: env.REPORTS_MAX_CONCURRENT ?? reportPasses(maxPoolSize ?? DRIVER_POOL_SIZE),
        queueMax: env.REPORTS_QUEUE_MAX,
        queueWaitMs: env.REPORTS_QUEUE_WAIT_MS,
      },
    },
    followups: {
      maxSatisfaction:
        env.FOLLOWUP_MAX_SATISFACTION ??
        (env.SURVEY_VALUES.includes(DEFAULT_FOLLOWUP_MAX)
          ? DEFAULT_FOLLOWUP_MAX
          : env.SURVEY_VALUES[0]),
    },
    visitors: {
      eraseClosesOpenRooms: env.VISITOR_ERASE_CLOSES_OPEN_ROOMS,
      customFields: {
        max: env.VISITOR_MAX_CUSTOM_FIELDS,
        keyLength: env.VISITOR_CUSTOM_FIELD_KEY_MAX_LENGTH,
        valueLength: env.MAX_STRING_LENGTH,
      },
    },
    apiDocsUi: env.API_DOCS_ENABLED,
    limits: {
      body: env.BODY_LIMIT,
      surveyItems: env.SURVEY_MAX_ITEMS,
      stringLength: env.MAX_STRING_LENGTH,
    },
    rateLimit: {
      enabled: env.RATE_LIMIT_ENABLED,
      max: env.RATE_LIMIT_MAX,
      strictMax: env.RATE_LIMIT_STRICT_MAX,
      windowMs: env.RATE_LIMIT_WINDOW_MS,
      redisTimeoutMs: env.RATE_LIMIT_REDIS_TIMEOUT_MS,
    },
    redisUrl: env.REDIS_URL,
    trustProxy: trustProxy(env.TRUST_PROXY),
    corsOrigins: env.CORS_ORIGINS.split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
    logLevel: env.LOG_LEVEL,
    logFormat: (env.LOG_FORMAT ?? (env.NODE_ENV === 'development' ? 'pretty' : 'json')) as
      'json' | 'pretty',
    shutdownDelayMs: env.SHUTDOWN_DELAY_MS,
    shutdownGraceMs: env.SHUTDOWN_GRACE_MS,
    webhooks: {
      allowPrivate: env.WEBHOOKS_ALLOW_PRIVATE,
      retryScheduleMs: env.WEBHOOKS_RETRY_SCHEDULE.map(durationMs),
      timeoutMs: env.WEBHOOKS_TIMEOUT_MS,
      pollIntervalMs: env.WEBHOOKS_POLL_INTERVAL_MS,
      idlePollMaxMs: Math.max(env.WEBHOOKS_IDLE_POLL_MAX_MS, env.WEBHOOKS_POLL_INTERVAL_MS),
      roomClosedPollMaxMs: Math.max(
        env.ROOM_CLOSED_POLL_MAX_MS ??
          (env.MONGODB_URI ? ROOM_CLOSED_POLL_MAX_MS : EMBEDDED_ROOM_CLOSED_POLL_MAX_MS),
        env.WEBHOOKS_POLL_INTERVAL_MS,
      ),
    },
    surveyLinks: {
      publicUrl: env.PUBLIC_URL?.replace(/\/+$/, ''),
      ttlMs: env.SURVEY_LINK_TTL_DAYS * 86_400_000,
      itemLabels: parseItemLabels(env.SURVEY_ITEM_LABELS ?? '{}') ?? {},
    },
  };
}

/** The configuration from `.env` and the environment, as the service and every script read it. */
export function loadAppConfig(): AppConfig {
  return buildAppConfig(readEnvironment());
}

/** The typed configuration, validated once at start-up; inject with `@Inject(appConfig.KEY)`. */
export const appConfig = registerAs('app', loadAppConfig);
