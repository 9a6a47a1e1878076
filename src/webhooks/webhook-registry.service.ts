import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { appConfig, type AppConfig } from '../config/app.config';
import { type HookSummary, WebhookRepository } from './webhook.repository';
import { type EventType, ROOM_CLOSED, SURVEY_EVENT_TYPES } from './webhook.schema';

/**
 * Which event types the webhooks want, in memory, so the survey path knows without a query
 * whether to write an outbox event, and the room.closed watcher whether to poll at all.
 * Refreshed by one read of the (tiny) webhooks collection every WEBHOOKS_POLL_INTERVAL_MS, and
 * at once by this instance's own registrations and deletions: another instance's new hook is
 * seen within one interval.
 */
@Injectable()
export class WebhookRegistryService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Webhooks');
  private hooks: HookSummary[] = [];
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly repository: WebhookRepository,
    @Inject(appConfig.KEY) private readonly config: AppConfig,
  ) {}

  /** Some hook wants survey.submitted or survey.low_score. */
  get hasHooks(): boolean {
    return this.hooks.some((hook) => hook.events.some((type) => SURVEY_EVENT_TYPES.includes(type)));
  }

  /** Some hook wants this event type. */
  wants(type: EventType): boolean {
    return this.hooks.some((hook) => hook.events.includes(type));
  }

  /** The paused hooks: the dispatcher leaves their deliveries pending. */
  get pausedIds(): string[] {
    return this.hooks.filter((hook) => hook.active === false).map((hook) => hook._id);
  }

  /** When the oldest hook that wants room.closed was registered; null when none does. */
  get roomClosedSince(): Date | null {
    const times = this.hooks
      .filter((hook) => hook.events.includes(ROOM_CLOSED))
      .map((hook) => hook.createdAt.getTime());
    return times.length > 0 ? new Date(Math.min(...times)) : null;
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
      this.hooks = await this.repository.summaries();
    } catch (error) {
      // The last read stands: a database outage fails the survey write anyway.
      this.logger.warn(`webhook count failed: ${(error as Error).message}`);
    }
  }

  /** A hook registered or changed by this instance: seen at once, not one interval later. */
  added(hook: HookSummary): void {
    const { _id, events, createdAt, active } = hook;
    this.hooks = [
      ...this.hooks.filter((known) => known._id !== _id),
      { _id, events, createdAt, active },
    ];
  }
}
