import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { KeyedMutex } from '../common/keyed-mutex';
import { randomId } from '../common/random-id';
import { appConfig, type AppConfig } from '../config/app.config';
import { DeliveryRepository } from './delivery.repository';
import type { CreateWebhookDto, RotateSecretDto, UpdateWebhookDto } from './dto/webhook.dto';
import { bareHost, RefusedAddressError, resolveAllowed } from './webhook-address';
import { WebhookDispatcherService } from './webhook-dispatcher.service';
import { WebhookRegistryService } from './webhook-registry.service';
import { hookView, invalid, notFound } from './webhook-views';
import { WebhookRepository } from './webhook.repository';
import type { WebhookDocument } from './webhook.schema';

const SECRET_BYTES = 32;
const DEFAULT_THRESHOLD = '2';
const DEFAULT_OVERLAP_HOURS = 24;
const NOTHING_TO_CHANGE =
  'nothing to change: send url, events, lowScoreThreshold, description or active';

const newSecret = () => `whsec_${randomBytes(SECRET_BYTES).toString('base64')}`;

/** The webhook routes' rules for the hooks themselves: registration, change, rotation. */
@Injectable()
export class WebhooksService {
  /** Changes and rotations of one hook, one at a time in this process (FerretDB: no atomic update). */
  private readonly changes = new KeyedMutex();

  constructor(
    private readonly hooks: WebhookRepository,
    private readonly deliveries: DeliveryRepository,
    private readonly registry: WebhookRegistryService,
    private readonly dispatcher: WebhookDispatcherService,
    private readonly clock: Clock,
    @Inject(appConfig.KEY) private readonly config: AppConfig,
  ) {}

  async create(dto: CreateWebhookDto) {
    const url = await this.checkedUrl(dto.url);
    const lowScoreThreshold = this.checkedThreshold(dto.lowScoreThreshold ?? DEFAULT_THRESHOLD);
    const hook: WebhookDocument = {
      _id: randomId(),
      url,
      events: dto.events ?? ['survey.submitted'],
      lowScoreThreshold,
      secret: newSecret(),
      createdAt: new Date(),
      active: true,
      ...(dto.description && { description: dto.description }),
    };
    await this.hooks.insert(hook);
    this.registry.added(hook);
    // The order: the secret before createdAt.
    const { createdAt, ...view } = hookView(hook, this.clock.now());
    return { webhook: { ...view, secret: hook.secret, createdAt } };
  }

  async list() {
    const now = this.clock.now();
    return { webhooks: (await this.hooks.list()).map((hook) => hookView(hook, now)) };
  }

  async remove(id: string) {
    if (!(await this.hooks.delete(id))) throw notFound('Webhook');
    await this.deliveries.deleteOfHook(id);
    await this.registry.refresh();
    return {};
  }

  /**
   * Changes what was sent, checked as at registration; one `$set`. A hook set active again
   * wakes the dispatcher, which sends its waiting deliveries.
   */
  async update(id: string, dto: UpdateWebhookDto) {
    if (Object.values(dto).every((value) => value === undefined)) throw invalid(NOTHING_TO_CHANGE);
    const fields: Partial<WebhookDocument> = {
      ...(dto.url !== undefined && { url: await this.checkedUrl(dto.url) }),
      ...(dto.lowScoreThreshold !== undefined && {
        lowScoreThreshold: this.checkedThreshold(dto.lowScoreThreshold),
      }),
      ...(dto.events !== undefined && { events: dto.events }),
      ...(dto.description !== undefined && { description: dto.description }),
      ...(dto.active !== undefined && { active: dto.active }),
    };
    const hook = await this.changes.run(id, async () => {
      await this.existing(id);
      return this.hooks.update(id, fields);
    });
    if (!hook) throw notFound('Webhook');
    this.registry.added(hook);
    if (dto.active === true) this.dispatcher.poll();
    return { webhook: hookView(hook, this.clock.now()) };
  }

  /**
   * A new secret, shown once; the current one keeps signing beside it for `overlapHours`. A
   * rotation during an overlap ends that overlap: the oldest secret stops at once.
   */
  async rotate(id: string, dto: RotateSecretDto) {
    const overlapMs = (dto.overlapHours ?? DEFAULT_OVERLAP_HOURS) * 3_600_000;
    const secret = newSecret();
    const hook = await this.changes.run(id, async () => {
      const current = await this.existing(id);
      return this.hooks.update(id, {
        secret,
        previousSecret: current.secret,
        previousSecretUntil: new Date(this.clock.now().getTime() + overlapMs),
      });
    });
    if (!hook) throw notFound('Webhook');
    const view = hookView(hook, this.clock.now());
    return { webhook: { _id: view._id, secret, previousSecretUntil: view.previousSecretUntil } };
  }

  private async existing(id: string): Promise<WebhookDocument> {
    const hook = await this.hooks.findOne(id);
    if (!hook) throw notFound('Webhook');
    return hook;
  }

  private checkedThreshold(threshold: string): string {
    if (!this.config.survey.values.includes(threshold)) {
      throw invalid(`lowScoreThreshold must be one of ${this.config.survey.values.join(', ')}`);
    }
    return threshold;
  }

  private async checkedUrl(text: string): Promise<string> {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      throw invalid('url must be an http(s) URL');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw invalid('url must be an http(s) URL');
    }
    if (url.username || url.password) throw invalid('url must not carry credentials');
    try {
      await resolveAllowed(bareHost(url), this.config.webhooks.allowPrivate);
    } catch (error) {
      if (error instanceof RefusedAddressError) throw invalid(`url refused: ${error.message}`);
      throw error;
    }
    return url.href;
  }
}
