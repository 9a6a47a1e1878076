import {
  Validate,
  ValidatorConstraint,
  type ValidationArguments,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { Feature, Setting } from '../config/setting.decorator';
import { PortVariable } from '../config/variables';

/** Metrics on the API's own port would be public again, whatever the proxy blocks. */
@ValidatorConstraint({ name: 'differsFromPort' })
class DiffersFromPort implements ValidatorConstraintInterface {
  validate(port: unknown, { object }: ValidationArguments): boolean {
    return port === 0 || port !== (object as { PORT?: unknown }).PORT;
  }

  defaultMessage(): string {
    return 'METRICS_PORT must differ from PORT: metrics are kept off the API port';
  }
}

@Feature({ title: 'Metrics', folder: 'src/metrics' })
export class MetricsSettings {
  @Setting({
    description:
      'Port of `GET /metrics` (Prometheus), served on this port only, never on ' +
      '[`PORT`](#port): expose `PORT` alone (Service, ingress, load balancer). `0`: a free port ' +
      'picked at start and logged (the tests use it). It may not equal `PORT`.',
  })
  @Validate(DiffersFromPort)
  @PortVariable(0)
  METRICS_PORT: number = 9464;
}
