export type Filter = Record<string, unknown>;
export type DeclaredIndex = [Record<string, unknown>, { name?: string }];

const isEquality = (value: unknown) =>
  value !== undefined && (typeof value !== 'object' || value === null || value instanceof Date);

/** A condition an index on its key serves by point lookups: an equality, or `$in` of values. */
const isPointLookup = (value: unknown) =>
  isEquality(value) ||
  (typeof value === 'object' &&
    value !== null &&
    Object.keys(value).length === 1 &&
    Array.isArray((value as { $in?: unknown }).$in) &&
    (value as { $in: unknown[] }).$in.every(isEquality));

/**
 * The index that serves a filter: `_id_` (every collection has it) when the filter names one
 * `_id`, else the declared index whose first key the filter matches by equality (or `$in`).
 */
export function servingIndex(filter: Filter, declared: DeclaredIndex[]): string | undefined {
  if (isEquality(filter._id)) return '_id_';
  const [, options] = declared.find(([keys]) => isPointLookup(filter[Object.keys(keys)[0]])) ?? [
    undefined,
    {},
  ];
  return options.name;
}
