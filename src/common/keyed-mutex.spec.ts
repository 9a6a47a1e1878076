import { KeyedMutex } from './keyed-mutex';

describe('KeyedMutex', () => {
  it('runs tasks of one key one at a time, in order', async () => {
    const mutex = new KeyedMutex();
    const log: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const first = mutex.run('room', async () => {
      log.push('first start');
      await gate;
      log.push('first end');
    });
    const second = mutex.run('room', () => {
      log.push('second');
      return Promise.resolve();
    });
    await Promise.resolve();
    expect(log).toEqual(['first start']);
    release();
    await Promise.all([first, second]);
    expect(log).toEqual(['first start', 'first end', 'second']);
  });

  it('does not hold back other keys', async () => {
    const mutex = new KeyedMutex();
    let release!: () => void;
    const blocked = mutex.run('a', () => new Promise<void>((r) => (release = r)));
    await expect(mutex.run('b', () => Promise.resolve('b done'))).resolves.toBe('b done');
    release();
    await blocked;
  });

  it('goes on after a failed task and forgets idle keys', async () => {
    const mutex = new KeyedMutex();
    await expect(mutex.run('k', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(mutex.run('k', () => Promise.resolve(2))).resolves.toBe(2);
    expect(mutex.size).toBe(0);
  });

  it('runAll waits for every key, and holds them all while its task runs', async () => {
    const mutex = new KeyedMutex();
    const log: string[] = [];
    let release!: () => void;
    const busy = mutex.run('b', () => new Promise<void>((r) => (release = r)));
    const all = mutex.runAll(['c', 'b', 'a', 'b'], () => {
      log.push('all');
      return Promise.resolve('done');
    });
    const afterA = mutex.run('a', () => {
      log.push('a');
      return Promise.resolve();
    });
    await new Promise((r) => setImmediate(r));
    expect(log).toEqual([]);
    release();
    await expect(all).resolves.toBe('done');
    await Promise.all([busy, afterA]);
    expect(log).toEqual(['all', 'a']);
    expect(mutex.size).toBe(0);
  });

  it('runAll with no keys just runs the task', async () => {
    await expect(new KeyedMutex().runAll([], () => Promise.resolve(1))).resolves.toBe(1);
  });
});
