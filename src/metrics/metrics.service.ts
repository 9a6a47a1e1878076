import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { register } from 'prom-client';
import { appConfig, type AppConfig } from '../config/app.config';

/**
 * Serves `GET /metrics` on METRICS_PORT, a port of its own: on the API's port every spelling
 * Express would route (`/METRICS`, `/metrics/`) would have to be blocked by each proxy in front;
 * here the Service, ingress and load balancer simply never expose it.
 */
@Injectable()
export class MetricsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Metrics');
  private readonly server: Server = createServer((req, res) => void this.answer(req, res));

  constructor(@Inject(appConfig.KEY) private readonly config: AppConfig) {}

  /** The port it listens on (METRICS_PORT, or the free one picked for 0). */
  get port(): number {
    return (this.server.address() as AddressInfo | null)?.port ?? this.config.metricsPort;
  }

  async onApplicationBootstrap(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', (error: Error) =>
        reject(new Error(`METRICS_PORT ${this.config.metricsPort}: ${error.message}`)),
      );
      this.server.listen(this.config.metricsPort, resolve);
    });
    this.logger.log(`metrics on port ${this.port} at /metrics`);
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.server.listening) return;
    // Scrapes are short and retried: open connections need not be waited for.
    const closed = new Promise((done) => this.server.close(done));
    this.server.closeAllConnections();
    await closed;
  }

  private async answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.url?.split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
    } else if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain' }).end();
    } else {
      const text = await register.metrics().catch((error: Error) => error);
      if (text instanceof Error) {
        this.logger.error(`metrics collection failed: ${text.message}`);
        res.writeHead(500, { 'Content-Type': 'text/plain' }).end('Metrics collection failed');
      } else {
        res.writeHead(200, { 'Content-Type': register.contentType }).end(text);
      }
    }
  }
}
