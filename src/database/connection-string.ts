import { ConnectionString } from 'mongodb-connection-string-url';
import type { AppConfig } from '../config/app.config';

/**
 * Which database the service uses, for the first log line: scheme, hosts and database name
 * only, never credentials or options (options can hold secrets too).
 */
export function describeDatabase(database: AppConfig['database']): string {
  if (!database.uri) {
    return `embedded FerretDB (SQLite), data in ${database.embedded.dataDir}, database ${database.embedded.dbName}`;
  }
  const parsed = parseShowable(database.uri);
  if (!parsed) return 'MongoDB (MONGODB_URI)';
  const scheme = parsed.isSRV ? 'mongodb+srv' : 'mongodb';
  const name = database.dbName ? `/${database.dbName}` : parsed.pathname;
  return `MongoDB at ${scheme}://${parsed.hosts.join(',')}${name}`;
}

/** The URI's hosts for a log line (never its credentials or options), or `MONGODB_URI`. */
export function describeHosts(uri: string): string {
  return parseShowable(uri)?.hosts.join(',') ?? 'MONGODB_URI';
}

/** The parsed URI, unless a password could show in what is logged of it. */
function parseShowable(uri: string): ConnectionString | undefined {
  try {
    const parsed = new ConnectionString(uri);
    // An unencoded '@' or '/' in a password shifts it into the hosts or the path: show nothing.
    if (!/^\/[^/@]*$/.test(parsed.pathname || '/') || parsed.hosts.some((h) => h.includes('@'))) {
      return undefined;
    }
    return parsed;
  } catch {
    return undefined;
  }
}
