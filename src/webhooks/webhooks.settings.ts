import { Transform } from 'class-transformer';
import { ArrayNotEmpty, Matches } from 'class-validator';
import { Feature, Setting } from '../config/setting.decorator';
import { BooleanVariable, IntegerVariable, splitList } from '../config/variables';

@Feature({
  title: 'Webhooks',
  folder: 'src/webhooks',
  summary: 'See [integrations](integrations.md).',
})
export class WebhooksSettings {
  @Setting({
    description:
      'Webhook URLs may reach loopback and private addresses (on-premise receivers, tests). ' +
      'Cloud metadata addresses and every other special range (link-local, multicast, ' +
      'reserved...) stay refused.',
  })
  @BooleanVariable()
  WEBHOOKS_ALLOW_PRIVATE: boolean = false;

  @Setting({
    description:
      'The waits before each retry of a failed delivery (`ms`, `s`, `m`, `h`; each ±20 % ' +
      'jitter); once spent, the delivery is `failed`.',
    type: 'comma-separated durations',
  })
  @Transform(splitList)
  @ArrayNotEmpty({ message: 'WEBHOOKS_RETRY_SCHEDULE must list at least one duration' })
  @Matches(/^\d+(ms|s|m|h)$/, {
    each: true,
    message: 'WEBHOOKS_RETRY_SCHEDULE must be comma-separated durations such as 5s,5m,2h',
  })
  WEBHOOKS_RETRY_SCHEDULE: string[] = ['5s', '5m', '30m', '2h', '5h', '10h', '10h'];

  @Setting({ description: 'How long a receiver may take to answer one attempt.' })
  @IntegerVariable(100)
  WEBHOOKS_TIMEOUT_MS: number = 10_000;

  @Setting({
    description:
      'How often each instance refreshes its webhook count, and polls the outbox and the due ' +
      'deliveries while it finds work.',
  })
  @IntegerVariable(50)
  WEBHOOKS_POLL_INTERVAL_MS: number = 1000;

  @Setting({
    description:
      "The dispatcher's longest wait between polls while it finds nothing: it doubles from " +
      '[`WEBHOOKS_POLL_INTERVAL_MS`](#webhooks_poll_interval_ms) up to this; its own events, ' +
      'retries and requeues wake it at once. The bound is how late it takes over what another ' +
      'instance left (one that died mid-work).',
  })
  @IntegerVariable(50)
  WEBHOOKS_IDLE_POLL_MAX_MS: number = 10_000;
}
