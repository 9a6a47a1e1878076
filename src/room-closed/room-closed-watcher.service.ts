import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { appConfig, type AppConfig } from '../config/app.config';
import { AgentRepository } from '../livechat/agent/agent.repository';
import { DepartmentRepository } from '../livechat/department/department.repository';
import { type ClosedRoom, RoomReportRepository } from '../livechat/room/room-report.repository';
import { RoomService } from '../livechat/room/room.service';
import { SurveyLinksService } from '../survey-links/survey-links.service';
import { DeliveryRepository } from '../webhooks/delivery.repository';
import { WebhookDispatcherService } from '../webhooks/webhook-dispatcher.service';
import { newDelivery } from '../webhooks/webhook-events';
import { WebhookRegistryService } from '../webhooks/webhook-registry.service';
import { WebhookRepository } from '../webhooks/webhook.repository';
import { BACKGROUND, ROOM_CLOSED, type WebhookDocument } from '../webhooks/webhook.schema';
import { RoomClosedCheckpointRepository } from './room-closed-checkpoint.repository';
import { roomClosedData } from './room-closed-events';

/** Rooms read per poll. */
const BATCH = 200;
/**
 * Each poll reads again the closes of this last minute: a close written late (another
 * instance's clock, a slow write) is still found. Rooms read twice are skipped (in memory), and
 * at worst fanned out again, which inserts nothing (unique delivery ids).
 */
const OVERLAP_MS = 60_000;

type Outcome = 'off' | 'idle' | 'found' | 'more';

/**
 * The room.closed events: every livechat room that gets closed, whoever closed it (room.close
 * here, or Rocket.Chat beside the same database), found by polling `closedAt` past a
 * checkpoint. Off (no query) while no hook wants room.closed; while rooms close, a poll every
 * WEBHOOKS_POLL_INTERVAL_MS; while none do, the wait doubles up to ROOM_CLOSED_POLL_MAX_MS, where
 * it starts; this instance's own closes are sent at once, by room id. Each room's event is a
 * delivery per hook under an id made of room and hook: two instances insert it once, and the
 * dispatcher signs, sends and retries it like the survey events.
 */
@Injectable()
export class RoomClosedWatcherService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Webhooks');
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private failures = 0;
  private wait: number;
  /** Where the next read starts; unset until the first poll with a hook (read from the checkpoint). */
  private from?: Date;
  private newest?: Date;
  /** The rooms of the overlap fanned out here, by closedAt. */
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly rooms: RoomReportRepository,
    private readonly checkpoint: RoomClosedCheckpointRepository,
    private readonly registry: WebhookRegistryService,
    private readonly hooks: WebhookRepository,
    private readonly deliveries: DeliveryRepository,
    private readonly dispatcher: WebhookDispatcherService,
    private readonly links: SurveyLinksService,
    private readonly agents: AgentRepository,
    private readonly departments: DepartmentRepository,
    roomService: RoomService,
    @Inject(appConfig.KEY) private readonly config: AppConfig,
  ) {
    // It starts idle: after the first poll (the catch-up of closes missed while down), the next
    // is ROOM_CLOSED_POLL_MAX_MS away unless it found some. A fresh process on the embedded
    // database otherwise scanned every room at 1, 3, 7, 15 s… after its start (docs/PERFORMANCE.md).
    this.wait = config.webhooks.roomClosedPollMaxMs;
    roomService.onClosed((rid) => void this.closedHere(rid));
  }

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  /**
   * A room closed here: its event at once, read by its id (no scan, which on FerretDB costs
   * seconds). The poll finds it too, and inserts nothing: its deliveries exist.
   */
  private async closedHere(rid: string): Promise<void> {
    if (!this.registry.roomClosedSince) return;
    try {
      const room = await this.rooms.findOne(rid, BACKGROUND.comment);
      if (room?.closedAt) await this.fanOut([room as ClosedRoom]);
    } catch (error) {
      this.logger.warn(`room.closed of room ${rid} left to the poll: ${(error as Error).message}`);
    }
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.tick(), ms);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    let outcome: Outcome = 'idle';
    try {
      outcome = await this.pollOnce();
      if (this.failures > 0) {
        this.logger.log(`room.closed poll recovered after ${this.failures} failed polls`);
        this.failures = 0;
      }
    } catch (error) {
      // An outage fails every poll: one line when it starts, one when it ends.
      if (this.failures++ === 0) {
        const { message } = error as Error;
        this.logger.warn(`room.closed poll failed: ${message} (repeats are not logged)`);
      }
    }
    const { pollIntervalMs, roomClosedPollMaxMs } = this.config.webhooks;
    if (outcome === 'found' || outcome === 'more') this.wait = pollIntervalMs;
    else this.wait = Math.min(this.wait * 2, roomClosedPollMaxMs);
    this.schedule(outcome === 'more' ? 0 : this.wait);
  }

  private async pollOnce(): Promise<Outcome> {
    const since = this.registry.roomClosedSince;
    if (!since) {
      // Re-read from the checkpoint when a hook wants room.closed again.
      this.from = undefined;
      this.seen.clear();
      return 'off';
    }
    if (!this.from) {
      this.newest = (await this.checkpoint.read()) ?? since;
      this.from = new Date(Math.max(this.newest.getTime(), since.getTime()) - OVERLAP_MS);
    }
    const rooms = await this.rooms.closedAfter(this.from, BATCH, BACKGROUND.comment);
    const fresh = rooms.filter((room) => !this.seen.has(room._id));
    if (fresh.length > 0) await this.fanOut(fresh);
    const last = rooms.at(-1)?.closedAt;
    if (last && last > this.newest!) this.newest = last;
    if (fresh.length > 0) await this.checkpoint.advance(this.newest!);
    if (rooms.length === BATCH) {
      // A backlog: the next page at once (from 1 ms back, for rooms closed in the same ms).
      this.from = new Date(last!.getTime() - 1);
      return 'more';
    }
    this.from = new Date(Math.max(this.newest!.getTime(), since.getTime()) - OVERLAP_MS);
    for (const [rid, closedAt] of this.seen) {
      if (closedAt <= this.from.getTime()) this.seen.delete(rid);
    }
    return fresh.length > 0 ? 'found' : 'idle';
  }

  private async fanOut(rooms: ClosedRoom[]): Promise<void> {
    const hooks = (await this.hooks.list()).filter((hook) => hook.events.includes(ROOM_CLOSED));
    for (const room of rooms) {
      // A hook hears of the rooms closed since it was registered.
      const targets = hooks.filter((hook) => hook.createdAt <= room.closedAt);
      if (targets.length > 0) await this.send(room, targets);
      this.seen.set(room._id, room.closedAt.getTime());
    }
    this.dispatcher.poll();
  }

  private async send(room: ClosedRoom, hooks: WebhookDocument[]): Promise<void> {
    const agentId = room.servedBy?._id;
    const [agent, departments, surveyUrl] = await Promise.all([
      agentId ? this.agents.findName(agentId) : null,
      this.departments.names(room.departmentId ? [room.departmentId] : []),
      this.links.forClosedRoom(room._id),
    ]);
    const department = departments.get(room.departmentId ?? '') ?? null;
    const data = roomClosedData(room, { agent, department }, surveyUrl);
    const now = new Date();
    for (const hook of hooks) {
      await this.deliveries.insert(
        newDelivery(room._id, hook, ROOM_CLOSED, room.closedAt, data, now),
      );
    }
  }
}
