import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { appConfig, type AppConfig } from '../config/app.config';
import { WebhookRepository } from './webhook.repository';

/**
 * How many webhooks exist, in memory, so the survey path knows without a query whether to write
 * an outbox event. Refreshed by one count every WEBHOOKS_POLL_INTERVAL_MS, and at once by this
 * instance's own registrations and deletions: another instance's new hook is seen within one
 * interval.
 */
@Injectable()
export class WebhookRegistryService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Webhooks');
  private count = 0;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly hooks: WebhookRepository,
    @Inject(appConfig.KEY) private readonly config: AppConfig,
  ) {}

  get hasHooks(): boolean {
    return this.count > 0;
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => void this.refresh(), this.config.webhooks.pollIntervalMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async refresh(): Promise<void> {
    try {
      this.count = await this.hooks.count();
    } catch (error) {
      // The last count stands: a database outage fails the survey write anyway.
      this.logger.warn(`webhook count failed: ${(error as Error).message}`);
    }
  }

  added(): void {
    this.count++;
  }
}
