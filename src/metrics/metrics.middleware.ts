import { Injectable, NestMiddleware } from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import type { NextFunction, Request, Response } from 'express';
import type { Counter, Histogram } from 'prom-client';

export const HTTP_DURATION = 'http_request_duration_seconds';
export const SURVEY_SUBMISSIONS = 'livechat_survey_submissions_total';
const SURVEY_ROUTE = '/api/v1/livechat/room.survey';

/**
 * Times every request, labelled by route template (never the raw path: it can carry a visitor
 * token) and status, and counts survey submissions by outcome (`ok`, or the error's type).
 */
@Injectable()
export class MetricsMiddleware implements NestMiddleware {
  constructor(
    @InjectMetric(HTTP_DURATION) private readonly duration: Histogram<string>,
    @InjectMetric(SURVEY_SUBMISSIONS) private readonly surveys: Counter<string>,
  ) {}

  use(req: Request, res: Response, next: NextFunction): void {
    const stop = this.duration.startTimer();
    res.once('finish', () => {
      const route = (req.route as { path?: string } | undefined)?.path ?? 'unmatched';
      stop({ method: req.method, route, status_code: String(res.statusCode) });
      if (route === SURVEY_ROUTE && req.method === 'POST') {
        const outcome =
          res.statusCode === 200 ? 'ok' : (res.locals.errorType as string | undefined);
        this.surveys.inc({ outcome: outcome ?? `status-${res.statusCode}` });
      }
    });
    next();
  }
}
