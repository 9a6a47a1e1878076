import type { Logger } from '@nestjs/common';
import type { IndexDirection, Model, mongo } from 'mongoose';

type KeyPattern = Record<string, IndexDirection>;

const samePattern = (a: KeyPattern, b: KeyPattern): boolean =>
  JSON.stringify(Object.entries(a)) === JSON.stringify(Object.entries(b));

/**
 * Creates the schema's declared indexes that the collection lacks. Beside an existing Rocket.Chat
 * database an index with the same keys may already exist (perhaps under other options): it is
 * kept as it is. Nothing is ever dropped or changed, unlike Mongoose's syncIndexes.
 */
export async function ensureDeclaredIndexes<T>(model: Model<T>, logger: Logger): Promise<void> {
  const existing = await model.collection.indexes().catch((error: { code?: number }) => {
    if (error.code === 26) return []; // NamespaceNotFound: the collection does not exist yet
    throw error;
  });
  for (const [keys, options] of model.schema.indexes()) {
    if (existing.some((index) => samePattern(index.key as KeyPattern, keys))) continue;
    await model.collection.createIndex(
      keys as mongo.IndexSpecification,
      options as mongo.CreateIndexesOptions,
    );
    logger.log(`created index ${String(options.name)} on ${model.collection.collectionName}`);
  }
}
