import { Inject, Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { raw } from 'express';
import { appConfig, type AppConfig } from '../config/app.config';

/**
 * Reads a request body the way Rocket.Chat's REST router does, before its params check: JSON
 * only when the content type includes application/json; a JSON array stays an array; any other
 * JSON value becomes a shallow object copy (`null`, `5` → `{}`); empty, malformed or non-JSON
 * bodies become `{}`.
 */
@Injectable()
export class RocketChatBodyMiddleware implements NestMiddleware {
  // Over BODY_LIMIT, body-parser fails with 413, which the filter words as payload-too-large.
  private readonly readRaw: RequestHandler;

  constructor(@Inject(appConfig.KEY) config: AppConfig) {
    this.readRaw = raw({ type: () => true, limit: config.limits.body });
  }

  use(req: Request, res: Response, next: NextFunction): void {
    // Only the POST and PATCH routes take a body; others ignore whatever is sent.
    if (req.method !== 'POST' && req.method !== 'PATCH') {
      req.body = {};
      return next();
    }
    void this.readRaw(req, res, (error?: unknown) => {
      if (error) return next(error);
      req.body = readRocketChatBody(req.headers['content-type'], req.body);
      next();
    });
  }
}

export function readRocketChatBody(contentType: string | undefined, raw: unknown): unknown {
  if (!contentType?.includes('application/json') || !Buffer.isBuffer(raw) || raw.length === 0) {
    return {};
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch {
    return {};
  }
  return Array.isArray(parsed) ? parsed : { ...(parsed as object) };
}
