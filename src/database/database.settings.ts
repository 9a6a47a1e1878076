import {
  IsNotEmpty,
  IsOptional,
  Matches,
  Validate,
  ValidateIf,
  ValidatorConstraint,
  type ValidationArguments,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { Feature, Setting } from '../config/setting.decorator';
import { BooleanVariable, IntegerVariable } from '../config/variables';

/**
 * The embedded database's connection pool, by measurement (docs/PERFORMANCE.md, pool phase):
 * FerretDB shares the machine's two cores with the service, and with more connections the
 * queries only queue inside it, with a far worse tail. DB_MAX_POOL_SIZE overrides it.
 */
export const EMBEDDED_DB_POOL_SIZE = 2;
/** The MongoDB driver's own maxPoolSize, used when DB_MAX_POOL_SIZE is unset on MONGODB_URI. */
export const DRIVER_POOL_SIZE = 100;
/** DB_OPERATION_TIMEOUT_MS's defaults: a MongoDB answers in ms; the embedded FerretDB scans. */
export const OPERATION_TIMEOUT_MS = 3000;
export const EMBEDDED_DB_OPERATION_TIMEOUT_MS = 10_000;

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
    if (typeof uri !== 'string' || (object as DatabaseSettings).MONGODB_DATABASE !== undefined) {
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

@Feature({ title: 'Database', folder: 'src/database' })
export class DatabaseSettings {
  @Setting({
    description:
      'An external MongoDB (a replica set, Atlas), e.g. ' +
      '`mongodb://db1,db2,db3/rocketchat?replicaSet=rs0`; **required when `NODE_ENV=production`**. ' +
      "It must name the database in its path unless [`MONGODB_DATABASE`](#mongodb_database) does: Atlas's " +
      'default `…/?retryWrites=true` names none, the driver would silently use `test` (beside ' +
      'Rocket.Chat every visitor would get `invalid-token`), so start-up stops; the message never ' +
      'quotes the URI, which may hold a password.',
    unset: 'the embedded FerretDB ([Embedded database](#embedded-database))',
    type: '`mongodb://` or `mongodb+srv://` URI',
    secret: true,
  })
  @ValidateIf(
    (env: DatabaseSettings & { NODE_ENV?: string }) =>
      env.NODE_ENV === 'production' || env.MONGODB_URI !== undefined,
  )
  @Validate(NamesDatabase)
  @Matches(/^mongodb(\+srv)?:\/\/\S+$/, {
    message: 'MONGODB_URI must be a mongodb:// or mongodb+srv:// connection string',
  })
  @IsNotEmpty({ message: 'MONGODB_URI is required when NODE_ENV=production' })
  MONGODB_URI?: string;

  @Setting({
    description:
      "The database on `MONGODB_URI`, over the URI's path: 1-63 characters, none of " +
      '`/\\. "$*<>:|?`. Not used by the embedded database ([`EMBEDDED_DB_NAME`](#embedded_db_name)).',
    unset: "the URI's path",
    type: 'database name',
  })
  @IsOptional()
  // MongoDB's rules: none of / \\ . space " $ * < > : | ? or NUL, and under 64 bytes.
  @Matches(/^[^/\\. "$*<>:|?\0]{1,63}$/, {
    message: 'MONGODB_DATABASE must be a database name (1-63 characters, none of /\\. "$*<>:|?)',
  })
  MONGODB_DATABASE?: string;

  @Setting({
    description: 'How long a query waits for a reachable server before the service answers 503.',
  })
  @IntegerVariable(100)
  DB_SERVER_SELECTION_TIMEOUT_MS: number = 2000;

  @Setting({
    description:
      'How long start-up keeps trying to reach `MONGODB_URI` (attempts of ' +
      '`DB_SERVER_SELECTION_TIMEOUT_MS` each, 1 s apart, each failure logged as it happens) ' +
      'before it exits 1 ([operations](operations.md)).',
  })
  @IntegerVariable(1000)
  DB_STARTUP_TIMEOUT_MS: number = 30_000;

  @Setting({
    description:
      'The longest one database step may take (a reply, a new connection, a wait for a pooled ' +
      'one) before the request answers 503 `[service-unavailable]`: a connected but stalled ' +
      "server would otherwise hold the request, and the room's write lock, for minutes. The " +
      'driver retries a read or write once, so a stalled database answers within about twice ' +
      'this. It also bounds each index creation at start-up: raise it for a first start beside ' +
      'a large existing database.',
    unset:
      `\`${OPERATION_TIMEOUT_MS}\` on \`MONGODB_URI\`, \`${EMBEDDED_DB_OPERATION_TIMEOUT_MS}\` on the ` +
      'embedded FerretDB (every query scans; its pool queues a burst: [performance](PERFORMANCE.md))',
  })
  @IsOptional()
  @IntegerVariable(100)
  DB_OPERATION_TIMEOUT_MS?: number;

  @Setting({
    description: "The requests' connection pool per instance.",
    unset:
      `\`${EMBEDDED_DB_POOL_SIZE}\` on the embedded database (measured: FerretDB shares the ` +
      `cores, and more connections only queue inside it), the driver's \`${DRIVER_POOL_SIZE}\` ` +
      'on `MONGODB_URI`',
  })
  @IsOptional()
  @IntegerVariable(1, 1000)
  DB_MAX_POOL_SIZE?: number;

  @Setting({
    description:
      "The background work's own connections (webhook polls and deliveries, the `room.closed` " +
      "watcher), apart from the requests' pool, so that it never holds a connection a request " +
      'waits for ([performance](PERFORMANCE.md)).',
  })
  @IntegerVariable(1, 100)
  DB_BACKGROUND_POOL_SIZE: number = 1;

  @Setting({
    description:
      "Emit the driver's command events (debugging; the tests count round trips with them).",
  })
  @BooleanVariable()
  DB_MONITOR_COMMANDS: boolean = false;
}
