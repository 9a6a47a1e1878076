import { IsIn, IsString, Matches } from 'class-validator';
import { Feature, Setting } from './setting.decorator';
import { IntegerVariable, PortVariable } from './variables';

/** The HTTP service itself: its mode, port, proxies, CORS and shutdown. */
@Feature({ title: 'Service', folder: 'src/config' })
export class ServiceSettings {
  // Every property has an explicit type: implicit conversion reads it from decorator metadata.
  @Setting({
    description:
      'The mode: in `production` [`MONGODB_URI`](#mongodb_uri) is required (no embedded ' +
      'database), and [`LOG_FORMAT`](#log_format) defaults by it.',
  })
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: string = 'development';

  @Setting({ description: 'HTTP port of the API: the one port to expose.' })
  @PortVariable(1)
  PORT: number = 3000;

  @Setting({
    description:
      'Express `trust proxy`: `false`, `true`, a hop count such as `1`, or addresses/subnets ' +
      '(comma-separated, or `loopback`, `linklocal`, `uniquelocal`). Behind a load balancer or ' +
      "proxy it makes the rate limits count the client's address, not the proxy's; the value " +
      'for each topology is in [deployment](deployment.md).',
    type: '`true`, `false`, a hop count, or addresses',
  })
  @Matches(/^(true|false|\d+|[0-9a-fA-F.:/,\s]+|loopback|linklocal|uniquelocal)$/, {
    message: 'TRUST_PROXY must be true, false, a hop count or a list of addresses',
  })
  TRUST_PROXY: string = 'false';

  @Setting({
    description:
      'Origins allowed by CORS (the sites that embed the widget), comma-separated; empty: no ' +
      'CORS headers.',
    type: 'comma-separated origins',
  })
  @IsString()
  CORS_ORIGINS: string = '';

  @Setting({
    description:
      'Largest accepted request body, in bytes or with `kb`/`mb`; a larger one is answered 413 ' +
      '`[payload-too-large]`.',
    type: 'size (`65536`, `512kb`, `1mb`)',
  })
  @Matches(/^\d+(b|kb|mb)?$/i, { message: 'BODY_LIMIT must be a size such as 1mb, 512kb or 65536' })
  BODY_LIMIT: string = '1mb';

  @Setting({
    description:
      'After SIGTERM, how long the service keeps serving everything (new connections too; ' +
      'answers then carry `Connection: close`) before it stops accepting, so that a load ' +
      'balancer can stop routing to it first (the Helm chart uses a `preStop` pause instead).',
  })
  @IntegerVariable(0, 120000)
  SHUTDOWN_DELAY_MS: number = 0;

  @Setting({
    description:
      'Then, how long in-flight requests may take before the process exits anyway (exit 1).',
  })
  @IntegerVariable(0)
  SHUTDOWN_GRACE_MS: number = 10000;
}
