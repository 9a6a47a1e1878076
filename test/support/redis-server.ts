import { spawn, type ChildProcess } from 'node:child_process';
import Redis from 'ioredis';
import { freePort } from '../../src/database/ferretdb.process';

/**
 * A private redis-server (no persistence) for a test that stalls or stops it; the machine's
 * shared Redis is never touched. Restarts on the same port, empty.
 */
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
    this.child = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    const deadline = Date.now() + 10_000;
    while ((await this.ping()) !== 'PONG') {
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
