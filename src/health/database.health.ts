import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { HealthIndicatorService } from '@nestjs/terminus';
import type { Connection } from 'mongoose';
import { EmbeddedDatabaseService } from '../database/embedded-database.service';
import { withTimeout } from './timeout';

/**
 * A real `ping` round trip: terminus's Mongoose indicator reads only the connection state, and
 * FerretDB keeps answering `hello` while its own backend is gone.
 */
@Injectable()
export class DatabaseHealthIndicator {
  constructor(
    @InjectConnection() private readonly connection: Connection,
    private readonly health: HealthIndicatorService,
    private readonly embedded: EmbeddedDatabaseService,
  ) {}

  async ping(key: string, timeoutMs: number) {
    const check = this.health.check(key);
    // The embedded FerretDB's own state first: exited, restarting (a ping would only time out).
    const down = this.embedded.down;
    if (down) return check.down({ message: down });
    try {
      await withTimeout(this.connection.db!.command({ ping: 1 }), timeoutMs);
      return check.up();
    } catch (error) {
      return check.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }
}
