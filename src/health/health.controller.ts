import { Controller, Get, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import { DatabaseHealthIndicator } from './database.health';
import { HealthCheckFilter } from './health-check.filter';

const PING_TIMEOUT_MS = 1500;

/** Kubernetes probes: liveness (the process answers) and readiness (its database does). */
@ApiExcludeController()
@Controller('health')
@UseFilters(HealthCheckFilter)
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: DatabaseHealthIndicator,
  ) {}

  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  /**
   * The database only. The rate limiter's Redis is left out on purpose: without it each instance
   * counts in its own memory and keeps serving, and a shared Redis failing every instance's
   * readiness at once would take the whole service out of its load balancer.
   */
  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([() => this.database.ping('database', PING_TIMEOUT_MS)]);
  }
}
