import { ForbiddenException, Inject, Injectable, RequestMethod, type Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import { Router, type NextFunction, type Request, type Response } from 'express';
import { appConfig, type AppConfig } from '../config/app.config';
import { LivechatThrottlerGuard } from '../rate-limit/livechat-throttler.guard';
import { RocketChatBodyMiddleware } from './rocketchat-body.middleware';
import type { RocketChatExceptionFilter } from './rocketchat-exception.filter';
import { RocketChatParamsGuard, type RouteHandler } from './rocketchat-params.guard';

/**
 * Marks a controller whose routes are Rocket.Chat's: RocketChatChecks counts each request against
 * the rate limit, then judges its params, ahead of Nest's router. Its other checks (the token)
 * stay Nest guards, which run after these.
 */
export const RocketChatRoutes = DiscoveryService.createDecorator<void>();

/** Where the livechat API's bodies are read (Rocket.Chat's reader), whatever the route. */
const BODY_ROUTES = '/api/v1/livechat/*path';

/**
 * What Rocket.Chat does first on each of its routes, in its order: read the body, count the
 * request against the rate limit (LivechatThrottlerGuard), judge its params
 * (RocketChatParamsGuard); a refused request is answered here by the exception filter, as Nest
 * would. Plain Express routes (the same paths as Nest's, so metrics label them alike) mounted
 * ahead of Nest's router: a rejected request never reaches Nest's router, execution context,
 * guards consumer and exceptions handler, nor the routes registered ahead of the API, which
 * cost it more than the checks themselves.
 */
@Injectable()
export class RocketChatChecks {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly throttler: LivechatThrottlerGuard,
    private readonly params: RocketChatParamsGuard,
    private readonly body: RocketChatBodyMiddleware,
    @Inject(appConfig.KEY) private readonly config: AppConfig,
  ) {}

  /** One router for every `@RocketChatRoutes()` route; `filter` answers what they refuse. */
  router(filter: RocketChatExceptionFilter): Router {
    const router = Router();
    router.use(BODY_ROUTES, (req: Request, res: Response, next: NextFunction) =>
      this.body.use(req, res, next),
    );
    for (const wrapper of this.discovery.getControllers({ metadataKey: RocketChatRoutes.KEY })) {
      const controller = wrapper.metatype as Type;
      for (const name of this.scanner.getAllMethodNames(controller.prototype as object)) {
        const handler = (controller.prototype as Record<string, RouteHandler>)[name];
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (method === undefined) continue;
        const path = routePath(controller, handler);
        const verb = RequestMethod[method].toLowerCase() as 'get' | 'post' | 'delete';
        router[verb](path, this.checks(controller, handler, filter));
      }
    }
    return router;
  }

  private checks(controller: Type, handler: RouteHandler, filter: RocketChatExceptionFilter) {
    const params = this.params.checkFor(handler);
    const fail = (error: unknown, req: Request, res: Response, next: NextFunction) =>
      filter.catch(error, new ExecutionContextHost([req, res, next]));
    const judge = (req: Request, res: Response, next: NextFunction) => {
      try {
        params?.(req);
      } catch (error) {
        return fail(error, req, res, next);
      }
      next();
    };
    // With the rate limit off the throttler skips every request: no step at all.
    if (!this.config.rateLimit.enabled) return judge;
    return (req: Request, res: Response, next: NextFunction) => {
      // The guard's own context: its limits, keys and headers are the route's, as under Nest.
      const context = new ExecutionContextHost([req, res, next], controller, handler);
      this.throttler.canActivate(context).then(
        // A guard that returns false is refused by Nest with a 403.
        (allowed) =>
          allowed ? judge(req, res, next) : fail(new ForbiddenException(), req, res, next),
        (error: unknown) => fail(error, req, res, next),
      );
    };
  }
}

/** The path Nest gives a controller method (no global prefix or versioning here). */
function routePath(controller: Type, handler: RouteHandler): string {
  const parts = [
    Reflect.getMetadata(PATH_METADATA, controller),
    Reflect.getMetadata(PATH_METADATA, handler),
  ];
  const trimmed = parts.map((part: string | undefined) => (part ?? '').replace(/^\/+|\/+$/g, ''));
  return `/${trimmed.filter(Boolean).join('/')}`;
}
