import mongoose from 'mongoose';
import type { AppConfig } from '../src/config/app.config';

/**
 * The database the service uses, for the seed scripts (their config from loadAppConfig: `.env`
 * and the environment, as the service reads them): MONGODB_URI (with MONGODB_DATABASE when set),
 * else the embedded default on EMBEDDED_DB_PORT, which only runs while the service does.
 */
export async function connectSeedDatabase(config: AppConfig): Promise<mongoose.Connection> {
  const { uri, dbName, embedded } = config.database;
  try {
    return await mongoose
      .createConnection(uri ?? `mongodb://127.0.0.1:${embedded.port}`, {
        dbName: uri ? dbName : embedded.dbName,
        serverSelectionTimeoutMS: 3000,
      })
      .asPromise();
  } catch (error) {
    if (uri) throw error;
    throw new Error(
      `the embedded database is not running on 127.0.0.1:${embedded.port}: start the service ` +
        'first (npm start, in another terminal), or set MONGODB_URI',
    );
  }
}
