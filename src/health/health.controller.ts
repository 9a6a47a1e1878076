import { Controller, Get, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import { DatabaseHealthIndicator } from './database.health';
import { HealthCheckFilter } from './health-check.filter';
import { RedisHealthIndicator } from './redis.health';

const PING_TIMEOUT_MS = 1500;

/** Kubernetes probes: liveness (the process answers) and readiness (its dependencies do). */
@ApiExcludeController()
@Controller('health')
@UseFilters(HealthCheckFilter)
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: DatabaseHealthIndicator,
    private readonly redis: RedisHealthIndicator,
  ) {}

  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([
      () => this.database.ping('database', PING_TIMEOUT_MS),
      ...(this.redis.configured ? [() => this.redis.ping('redis', PING_TIMEOUT_MS)] : []),
    ]);
  }
}
