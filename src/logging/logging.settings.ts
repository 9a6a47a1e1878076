import { IsIn, IsOptional } from 'class-validator';
import { Feature, Setting } from '../config/setting.decorator';

@Feature({ title: 'Logs', folder: 'src/logging' })
export class LoggingSettings {
  @Setting({ description: 'The pino level of the logs on stdout (tokens are redacted).' })
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: string = 'info';

  @Setting({
    description:
      '`json` (one object per line, for log collectors) or `pretty` (readable lines, ' +
      '`pino-pretty`).',
    unset: '`pretty` when [`NODE_ENV`](#node_env) is `development`, else `json`',
  })
  @IsOptional()
  @IsIn(['json', 'pretty'], { message: 'LOG_FORMAT must be json or pretty' })
  LOG_FORMAT?: string;
}
