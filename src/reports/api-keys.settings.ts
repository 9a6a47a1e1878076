import { Transform } from 'class-transformer';
import { IsString, Matches, Validate } from 'class-validator';
import { Feature, Setting } from '../config/setting.decorator';
import type { Raw } from '../config/variables';
import { ApiKeysSetting } from './api-keys';

@Feature({
  title: 'API keys',
  folder: 'src/reports',
  summary:
    'The credentials of the reports, webhooks, survey links and follow-ups routes ' +
    '([integrations](integrations.md)); managers sign in with their Rocket.Chat login instead.',
})
export class ApiKeysSettings {
  @Setting({
    description:
      'API keys (header `X-Api-Key`) with their scopes: entries `<SHA-256 digest>:<scope>+<scope>`, ' +
      'comma-separated; never the keys. Scopes: `reports:read`, `webhooks:manage`, ' +
      '`survey-links:create`, `followups:write`. `npm run api-key -- --scope reports:read` ' +
      'prints a new key and its entry.',
    type: 'comma-separated `<digest>:<scope>+<scope>`',
    secret: true,
  })
  @IsString({ message: 'API_KEYS must be text' })
  @Validate(ApiKeysSetting)
  API_KEYS: string = '';

  /** Kept for deployments made before API_KEYS, with a warning at start. */
  @Setting({
    description:
      'Deprecated: SHA-256 digests (hex) of read-only keys (`reports:read`), comma-separated; ' +
      "a warning at start while set. A digest in both settings holds both's scopes.",
    secret: true,
  })
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
}
