import { Transform } from 'class-transformer';
import { ArrayNotEmpty, ArrayUnique, IsOptional } from 'class-validator';
import { Feature, Setting } from '../config/setting.decorator';
import { HttpUrl, IntegerVariable, splitList } from '../config/variables';
import { EMBEDDED_DB_POOL_SIZE } from '../database/database.settings';

/**
 * REPORTS_MAX_CONCURRENT's default: a report pass holds one connection at a time, so one less
 * than the pool leaves the survey path one (the embedded pool of 2: one pass); at most 4, as
 * more passes at once only share the same cores (docs/PERFORMANCE.md, report concurrency).
 */
export function reportPasses(poolSize: number): number {
  return Math.max(1, Math.min(4, poolSize - 1));
}

/** Rocket.Chat's 1-5 scale: 4 and 5 are "satisfied" (Chatwoot's CSAT reads it the same way). */
export const DEFAULT_SATISFIED_VALUES = ['4', '5'];

@Feature({ title: 'Reports', folder: 'src/reports', summary: 'See [reports](reports.md).' })
export class ReportsSettings {
  @Setting({
    description:
      'The longest period a report may cover, in calendar days of its `tz`; longer is answered ' +
      '400 `invalid-params`.',
  })
  @IntegerVariable(1, 3660)
  REPORTS_MAX_RANGE_DAYS: number = 366;

  @Setting({
    description:
      'The `satisfaction` values that count as satisfied in `csat`; each must be one of ' +
      '[`SURVEY_VALUES`](#survey_values).',
    unset: `\`${DEFAULT_SATISFIED_VALUES.join(',')}\` (those of them in \`SURVEY_VALUES\`)`,
    example: DEFAULT_SATISFIED_VALUES.join(','),
  })
  @IsOptional()
  @Transform(splitList)
  @ArrayNotEmpty({ message: 'REPORTS_SATISFIED_VALUES must list at least one value' })
  @ArrayUnique({ message: 'REPORTS_SATISFIED_VALUES must not repeat a value' })
  REPORTS_SATISFIED_VALUES?: string[];

  @Setting({
    description:
      "Rocket.Chat's public origin (and path prefix), e.g. `https://chat.example.com`: each " +
      'answer in the reports then links to its conversation there (`<ROCKETCHAT_URL>/live/<rid>`).',
    type: 'http(s) URL, no query or fragment',
    unset: 'answers carry no link',
  })
  @IsOptional()
  @HttpUrl('ROCKETCHAT_URL', 'https://chat.example.com')
  ROCKETCHAT_URL?: string;

  @Setting({
    description:
      'Authenticated report calls per [`RATE_LIMIT_WINDOW_MS`](#rate_limit_window_ms) per ' +
      'credential (a reports page makes several per view); failed authentications count ' +
      'against the client IP with [`RATE_LIMIT_MAX`](#rate_limit_max).',
  })
  @IntegerVariable(1)
  REPORTS_RATE_LIMIT_MAX: number = 120;

  @Setting({
    description:
      'Report passes (`survey.report`, `survey.responses`, `survey.export.csv`, ' +
      '`survey.followups`, `survey.dashboard`) run at once per instance, so that the survey ' +
      'path keeps a connection ([reports](reports.md)).',
    unset:
      'one less than the pool ([`DB_MAX_POOL_SIZE`](#db_max_pool_size)), at most 4 ' +
      `(embedded: \`${reportPasses(EMBEDDED_DB_POOL_SIZE)}\`)`,
  })
  @IsOptional()
  @IntegerVariable(1, 100)
  REPORTS_MAX_CONCURRENT?: number;

  @Setting({
    description:
      'Report calls waiting for a pass, first come first served; beyond, 503 `service-busy`.',
  })
  @IntegerVariable(0, 10000)
  REPORTS_QUEUE_MAX: number = 20;

  @Setting({
    description:
      'How long a report call waits for a pass before it answers 503 `service-busy` (its ' +
      '`Retry-After`, in seconds).',
  })
  @IntegerVariable(1, 600_000)
  REPORTS_QUEUE_WAIT_MS: number = 30_000;
}
