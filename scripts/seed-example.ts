/**
 * Inserts the visitor and room that the example call of shared/api/room.survey.md needs, into
 * the database the service uses (MONGODB_URI, else the embedded default, which must be running:
 * start the service first). Idempotent.
 */
import { loadAppConfig } from '../src/config/app.config';
import { connectSeedDatabase } from './seed-database';
import { apiExampleDocuments } from '../test/support/api-example';
import type { Doc } from '../test/support/factories';

async function seed(): Promise<void> {
  const config = loadAppConfig();
  const connection = await connectSeedDatabase(config);
  const db = connection.db!;
  const { visitor, room } = apiExampleDocuments();
  await db
    .collection<Doc>(config.collections.visitors)
    .replaceOne({ _id: visitor._id }, visitor, { upsert: true });
  await db
    .collection<Doc>(config.collections.rooms)
    .replaceOne({ _id: room._id }, room, { upsert: true });
  await connection.close();
  console.log(`seeded visitor ${visitor._id} and room ${room._id} of the API page example`);
}

seed().catch((error: unknown) => {
  console.error(`seed failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
