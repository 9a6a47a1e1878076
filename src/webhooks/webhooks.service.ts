import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { RocketChatError } from '../common/rocketchat-error';
import { randomId } from '../common/random-id';
import { appConfig, type AppConfig } from '../config/app.config';
import { DeliveryRepository } from './delivery.repository';
import type { CreateWebhookDto, DeliveriesQueryDto } from './dto/webhook.dto';
import { bareHost, RefusedAddressError, resolveAllowed } from './webhook-address';
import { WebhookDispatcherService } from './webhook-dispatcher.service';
import { WebhookRegistryService } from './webhook-registry.service';
import { WebhookRepository } from './webhook.repository';
import type { DeliveryDocument, WebhookDocument } from './webhook.schema';

const SECRET_BYTES = 32;
const DEFAULT_THRESHOLD = '2';

const invalid = (message: string) => RocketChatError.bracketed('invalid-params', message);
const notFound = (what: string) =>
  RocketChatError.bracketed('error-not-found', `${what} not found`, 404);

const hookView = ({ _id, url, events, lowScoreThreshold, createdAt }: WebhookDocument) => ({
  _id,
  url,
  events,
  lowScoreThreshold,
  createdAt,
});

export const deliveryView = (d: DeliveryDocument) => ({
  _id: d._id,
  eventId: d.eventId,
  type: d.type,
  status: d.status,
  attempts: d.attempts,
  lastStatus: d.lastStatus,
  lastError: d.lastError,
  nextAttemptAt: d.nextAttemptAt,
  createdAt: d.createdAt,
  deliveredAt: d.deliveredAt,
});

/** The webhook routes' rules: registration checks, listing, deliveries, manual retry. */
@Injectable()
export class WebhooksService {
  constructor(
    private readonly hooks: WebhookRepository,
    private readonly deliveries: DeliveryRepository,
    private readonly registry: WebhookRegistryService,
    private readonly dispatcher: WebhookDispatcherService,
    @Inject(appConfig.KEY) private readonly config: AppConfig,
  ) {}

  async create(dto: CreateWebhookDto) {
    const url = await this.checkedUrl(dto.url);
    const lowScoreThreshold = dto.lowScoreThreshold ?? DEFAULT_THRESHOLD;
    if (!this.config.survey.values.includes(lowScoreThreshold)) {
      throw invalid(`lowScoreThreshold must be one of ${this.config.survey.values.join(', ')}`);
    }
    const hook: WebhookDocument = {
      _id: randomId(),
      url,
      events: dto.events ?? ['survey.submitted'],
      lowScoreThreshold,
      secret: `whsec_${randomBytes(SECRET_BYTES).toString('base64')}`,
      createdAt: new Date(),
    };
    await this.hooks.insert(hook);
    this.registry.added(hook);
    const { _id, url: stored, events, secret, createdAt } = hook;
    // The order: the secret before createdAt.
    return { webhook: { _id, url: stored, events, lowScoreThreshold, secret, createdAt } };
  }

  async list() {
    return { webhooks: (await this.hooks.list()).map(hookView) };
  }

  async remove(id: string) {
    if (!(await this.hooks.delete(id))) throw notFound('Webhook');
    await this.deliveries.deleteOfHook(id);
    await this.registry.refresh();
    return {};
  }

  async listDeliveries(id: string, query: DeliveriesQueryDto) {
    await this.hook(id);
    const offset = query.offset ?? 0;
    const [rows, total] = await Promise.all([
      this.deliveries.listOfHook(id, offset, query.count ?? 50),
      this.deliveries.countOfHook(id),
    ]);
    return { deliveries: rows.map(deliveryView), count: rows.length, offset, total };
  }

  /** Sends a failed delivery once more, now; answers with the delivery as it then stands. */
  async retry(id: string, deliveryId: string) {
    await this.hook(id);
    const delivery = await this.deliveries.findOne(deliveryId);
    if (!delivery || delivery.hookId !== id) throw notFound('Delivery');
    if (delivery.status !== 'failed') throw invalid('only a failed delivery can be retried');
    const after = await this.dispatcher.attempt(delivery, true);
    return { delivery: deliveryView(after ?? delivery) };
  }

  private async hook(id: string): Promise<WebhookDocument> {
    const hook = await this.hooks.findOne(id);
    if (!hook) throw notFound('Webhook');
    return hook;
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
