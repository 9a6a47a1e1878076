import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { appConfig, type AppConfig } from '../config/app.config';
import { RoomReportRepository } from '../livechat/room/room-report.repository';
import { DeliveryRepository } from './delivery.repository';
import { SurveyEventRepository } from './survey-event.repository';
import { SurveyEventsService } from './survey-events.service';
import { DeliveryAttemptsService } from './delivery-attempts.service';
import { FollowupFanOutService } from './followup-fan-out.service';
import { answersStored, deliveriesFor, eventData } from './webhook-events';
import { PollLoop } from './poll-loop';
import { WebhookRegistryService } from './webhook-registry.service';
import { WebhookRepository } from './webhook.repository';
import { BACKGROUND, type SurveyEventDocument, type WebhookDocument } from './webhook.schema';

/** Events and deliveries read per poll. */
const BATCH = 50;
/**
 * Fan-outs at once, and attempts in flight, per instance: the database (FerretDB above all)
 * serves the survey path first; more in parallel only queues there and slows the 200s.
 */
const PARALLEL = 4;
const MAX_SENDING = 16;
const PRUNE_EVERY_MS = 3_600_000;
/** Delivered deliveries are kept this long for the deliveries route, then removed. */
const KEEP_DELIVERED_MS = 7 * 24 * 3_600_000;

function shuffled<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

/**
 * Sends the outbox's events, in every instance. Each poll is two small queries, through the
 * background connection: the outbox (a few documents: an event is removed once fanned out) and
 * the due deliveries (`status_1_nextAttemptAt_1`); rooms are read once per event, by `_id`,
 * never scanned, never written. Polls come every WEBHOOKS_POLL_INTERVAL_MS while they find work,
 * the wait doubling up to WEBHOOKS_IDLE_POLL_MAX_MS while they find none; at once when this
 * instance captured an event, and when a retry it scheduled falls due. Fan-out inserts deliveries
 * under ids made of event and hook, so two instances make each delivery once; each attempt is
 * claimed by inserting its lease, so it is sent by one instance.
 */
@Injectable()
export class WebhookDispatcherService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Webhooks');
  private readonly loop: PollLoop;
  private pollFailures = 0;
  private lastPrune = 0;
  private readonly sending = new Map<string, Promise<unknown>>();
  /**
   * How long an event not marked stored may still see its answers land. Its room write starts
   * right after it, in the room's turn, and ends within server selection, pool wait, connect
   * and reply; twice that, for the clocks of two instances and a write a stalled server applies
   * late. Past it, the room decides: its answers, or the event is dropped.
   */
  private readonly undecidedMs: number;

  constructor(
    private readonly events: SurveyEventRepository,
    private readonly deliveries: DeliveryRepository,
    private readonly hooks: WebhookRepository,
    private readonly rooms: RoomReportRepository,
    private readonly followups: FollowupFanOutService,
    private readonly attempts: DeliveryAttemptsService,
    private readonly registry: WebhookRegistryService,
    captured: SurveyEventsService,
    @Inject(appConfig.KEY) private readonly config: AppConfig,
  ) {
    captured.onCaptured(() => this.poll());
    const { serverSelectionTimeoutMS, operationTimeoutMS } = config.database;
    this.undecidedMs = 2 * (serverSelectionTimeoutMS + 3 * operationTimeoutMS);
    const { pollIntervalMs, idlePollMaxMs } = config.webhooks;
    this.loop = new PollLoop(() => this.loggedPoll(), pollIntervalMs, idlePollMaxMs);
  }

  onApplicationBootstrap(): void {
    this.poll();
  }

  async onApplicationShutdown(): Promise<void> {
    this.loop.stop();
    await Promise.allSettled(this.sending.values());
  }

  /** A poll now (one at a time: during a poll, one more right after), the idle wait reset. */
  poll(): void {
    this.loop.wake();
  }

  /** One poll; whether it found work. */
  private async loggedPoll(): Promise<boolean> {
    try {
      const found = await this.pollOnce();
      if (this.pollFailures > 0) {
        this.logger.log(`webhook poll recovered after ${this.pollFailures} failed polls`);
      }
      this.pollFailures = 0;
      return found;
    } catch (error) {
      // An outage fails every poll: one line when it starts, one when it ends, not one a second.
      if (this.pollFailures++ === 0) {
        const { message } = error as Error;
        this.logger.warn(`webhook poll failed: ${message} (repeats are not logged)`);
      }
      throw error;
    }
  }

  private async pollOnce(): Promise<boolean> {
    const events = await this.events.due(new Date(Date.now() - this.undecidedMs), BATCH);
    if (events.length > 0) {
      const hooks = await this.hooks.list();
      // In parallel, and in another order in each instance, so that two instances share the
      // work instead of repeating it event by event.
      const queue = shuffled(events);
      const worker = async () => {
        for (let event = queue.pop(); event; event = queue.pop()) await this.fanOut(event, hooks);
      };
      await Promise.all(Array.from({ length: PARALLEL }, worker));
    }
    const now = new Date();
    const due = await this.deliveries.due(now, BATCH, this.registry.pausedIds);
    for (const delivery of shuffled(due)) {
      if (this.sending.has(delivery._id)) continue;
      if (this.sending.size >= MAX_SENDING) break;
      const attempt = this.attempts
        .attempt(delivery, { scheduled: true })
        .then((after) => {
          // A retry scheduled here is sent on time, however long the idle wait has grown.
          if (after?.status === 'pending' && after.nextAttemptAt)
            this.loop.wakeBy(after.nextAttemptAt);
        })
        // The delivery stays pending: a later poll tries again.
        .catch((error: Error) => this.logger.warn(`webhook attempt failed: ${error.message}`))
        .finally(() => this.sending.delete(delivery._id));
      this.sending.set(delivery._id, attempt);
    }
    if (now.getTime() - this.lastPrune > PRUNE_EVERY_MS) {
      this.lastPrune = now.getTime();
      await this.deliveries.pruneDelivered(new Date(now.getTime() - KEEP_DELIVERED_MS));
    }
    return events.length > 0 || due.length > 0;
  }

  private async fanOut(event: SurveyEventDocument, hooks: WebhookDocument[]): Promise<void> {
    if (event.followup) return this.followups.fanOut({ ...event, followup: event.followup }, hooks);
    const room = await this.rooms.findOne(event.rid, BACKGROUND.comment);
    if (!answersStored(event, room)) {
      await this.events.delete(event._id);
      this.logger.warn(
        `survey event ${event._id} of room ${event.rid} dropped: its answers were never stored`,
      );
      return;
    }
    const data = eventData(event, room);
    const now = new Date();
    for (const hook of hooks) {
      for (const delivery of deliveriesFor(event, hook, data, this.config.survey.values, now)) {
        await this.deliveries.insert(delivery);
      }
    }
    // Only once every delivery exists: a crash before this leaves the event for another poll.
    await this.events.delete(event._id);
  }
}
