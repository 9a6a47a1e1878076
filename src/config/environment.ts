import { IntersectionType } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { CollectionsSettings } from '../database/collections.settings';
import { DatabaseSettings } from '../database/database.settings';
import { EmbeddedDatabaseSettings } from '../database/embedded-database.settings';
import { FollowupsSettings } from '../followups/followups.settings';
import { LivechatSettings } from '../livechat/livechat.settings';
import { LoggingSettings } from '../logging/logging.settings';
import { MetricsSettings } from '../metrics/metrics.settings';
import { OpenApiSettings } from '../openapi/openapi.settings';
import { RateLimitSettings } from '../rate-limit/rate-limit.settings';
import { ApiKeysSettings } from '../reports/api-keys.settings';
import { ReportsSettings } from '../reports/reports.settings';
import { RoomClosedSettings } from '../room-closed/room-closed.settings';
import { SurveyLinksSettings } from '../survey-links/survey-links.settings';
import { WebhooksSettings } from '../webhooks/webhooks.settings';
import { ServiceSettings } from './service.settings';

/**
 * Each feature's settings, in the order of docs/configuration.md and .env.example. A feature
 * declares its own beside its code (`<feature>.settings.ts`); this list is the one place that
 * gathers them.
 */
export const SETTINGS_CLASSES = [
  ServiceSettings,
  MetricsSettings,
  LoggingSettings,
  DatabaseSettings,
  EmbeddedDatabaseSettings,
  CollectionsSettings,
  LivechatSettings,
  RateLimitSettings,
  OpenApiSettings,
  ApiKeysSettings,
  ReportsSettings,
  FollowupsSettings,
  WebhooksSettings,
  RoomClosedSettings,
  SurveyLinksSettings,
] as const;

/**
 * Every environment variable the service reads, with its default: the features' settings
 * classes in one, their validation and defaults included. The one validation schema: nothing
 * else in the code reads process.env.
 */
export class Environment extends IntersectionType(...SETTINGS_CLASSES) {}

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
