import { Module } from '@nestjs/common';
import { makeCounterProvider, makeHistogramProvider } from '@willsoto/nestjs-prometheus';
import { collectDefaultMetrics } from 'prom-client';
import { HTTP_DURATION, MetricsMiddleware, SURVEY_SUBMISSIONS } from './metrics.middleware';
import { MetricsService } from './metrics.service';

// Once per process (a second call would register the same metrics twice): the process defaults.
// PrometheusModule is not imported: its controller would serve /metrics on the API's port.
collectDefaultMetrics();

/**
 * Prometheus metrics: process defaults, HTTP durations, survey outcomes, served by MetricsService
 * at /metrics on METRICS_PORT.
 */
@Module({
  providers: [
    makeHistogramProvider({
      name: HTTP_DURATION,
      help: 'HTTP request duration in seconds, by method, route template and status code.',
      labelNames: ['method', 'route', 'status_code'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    }),
    makeCounterProvider({
      name: SURVEY_SUBMISSIONS,
      help: 'room.survey submissions by outcome: ok, or the errorType answered.',
      labelNames: ['outcome'],
    }),
    MetricsMiddleware,
    MetricsService,
  ],
})
// MetricsMiddleware is applied by configureApp, as plain Express middleware.
export class MetricsModule {}
