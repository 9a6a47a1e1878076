import { Module } from '@nestjs/common';
import {
  makeCounterProvider,
  makeHistogramProvider,
  PrometheusModule,
} from '@willsoto/nestjs-prometheus';
import { HTTP_DURATION, MetricsMiddleware, SURVEY_SUBMISSIONS } from './metrics.middleware';

/** Prometheus metrics at /metrics: process defaults, HTTP durations, survey outcomes. */
@Module({
  imports: [PrometheusModule.register({ path: '/metrics', defaultMetrics: { enabled: true } })],
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
  ],
})
// MetricsMiddleware is applied by configureApp, as plain Express middleware.
export class MetricsModule {}
