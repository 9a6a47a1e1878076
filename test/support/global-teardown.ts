export default async function globalTeardown(): Promise<void> {
  const stop = (globalThis as Record<string, unknown>).__testDatabase as
    (() => Promise<unknown>) | undefined;
  await stop?.();
}
