/**
 * Runs tasks one at a time per key. FerretDB v1 applies an update as read-modify-write, so two
 * concurrent updates of one document can lose each other's fields; every write to a room goes
 * through here. It serializes within one process only (the embedded default serves one
 * instance); on MongoDB the updates are atomic anyway.
 */
export class KeyedMutex {
  private readonly tails = new Map<string, Promise<unknown>>();

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const current = previous.then(task);
    const tail = current.catch(() => undefined);
    this.tails.set(key, tail);
    try {
      return await current;
    } finally {
      // The last task for a key removes its entry, so the map does not grow with keys.
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }

  /**
   * Runs `task` holding every key's turn. Keys are taken in sorted order, so two callers
   * wanting overlapping keys cannot each hold one the other waits for.
   */
  runAll<T>(keys: readonly string[], task: () => Promise<T>): Promise<T> {
    const sorted = [...new Set(keys)].sort();
    const holding = (index: number): Promise<T> =>
      index === sorted.length ? task() : this.run(sorted[index], () => holding(index + 1));
    return holding(0);
  }

  get size(): number {
    return this.tails.size;
  }
}
