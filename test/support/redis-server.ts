import { spawn, type ChildProcess } from 'node:child_process';
import Redis from 'ioredis';
import { freePort } from '../../src/database/ferretdb.process';

/**
 * A private redis-server (no persistence) for a test that stalls or stops it; the machine's
 * shared Redis is never touched. Restarts on the same port, empty.
 */
/**
 * Fails with a message that names Redis when none answers at `url`: without it, tests that
 * share rate limits through Redis would only see each instance counting alone.
 */
export async function requireRedis(url: string): Promise<void> {
  const client = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    connectTimeout: 2000,
    retryStrategy: () => null,
  });
  let cause: Error | undefined;
  client.on('error', (error: Error) => (cause ??= error));
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    throw new Error(
      `this test needs a Redis at ${url}, which does not answer (${(cause ?? (error as Error)).message}): ` +
        'start one (redis-server) or point TEST_REDIS_URL at one',
    );
  } finally {
    client.disconnect();
  }
}

export class RedisServer {
  private child!: ChildProcess;

  private constructor(readonly port: number) {}

  static async start(): Promise<RedisServer> {
    const server = new RedisServer(await freePort());
    await server.restart();
    return server;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async restart(): Promise<void> {
    let failed: Error | undefined;
    this.child = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    // No redis-server on the PATH: say so, rather than an unhandled spawn error.
    this.child.once('error', (error) => (failed = error));
    const deadline = Date.now() + 10_000;
    while ((await this.ping()) !== 'PONG') {
      if (failed)
        throw new Error(
          `this test starts its own redis-server, which could not run (${failed.message}): ` +
            'install it (apt-get install redis-server)',
        );
      if (Date.now() > deadline) throw new Error(`redis-server did not start on ${this.port}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  signal(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }

  /** SIGKILL, and wait until the process is gone. */
  async kill(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((done) => this.child.once('exit', done));
    this.child.kill('SIGCONT');
    this.child.kill('SIGKILL');
    await exited;
  }

  /** The sum of every rate-limit hit counter stored (the throttler's `{…}:hits` keys). */
  async storedHits(): Promise<number> {
    return this.withClient(async (client) => {
      const keys = await client.keys('*:hits');
      const values = keys.length ? await client.mget(keys) : [];
      return values.reduce((sum, value) => sum + Number(value ?? 0), 0);
    });
  }

  private ping(): Promise<string | undefined> {
    return this.withClient((client) => client.ping()).catch(() => undefined);
  }

  private async withClient<T>(task: (client: Redis) => Promise<T>): Promise<T> {
    const client = new Redis(this.url, {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      connectTimeout: 500,
      retryStrategy: () => null,
    });
    client.on('error', () => undefined);
    try {
      await client.connect();
      return await task(client);
    } finally {
      client.disconnect();
    }
  }
}
