/**
 * A MongoDB connection string with its database name replaced (servers read the database from
 * MONGODB_URI's path): `mongodb://[user:pass@]hosts[/db][?options]`.
 */
export function withDatabaseName(uri: string, name: string): string {
  const match = /^(mongodb(?:\+srv)?:\/\/[^/?]+)(?:\/[^?]*)?(\?.*)?$/.exec(uri);
  if (!match) throw new Error('BENCH_MONGODB_URI must be a mongodb:// or mongodb+srv:// URI');
  return `${match[1]}/${name}${match[2] ?? ''}`;
}
