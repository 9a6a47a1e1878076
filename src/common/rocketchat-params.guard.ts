import { CanActivate, ExecutionContext, Inject, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import type { Request } from 'express';
import { appConfig, type AppConfig } from '../config/app.config';
import { matchError, type Pattern } from './meteor-check';
import { RocketChatError } from './rocketchat-error';

// Rocket.Chat's own validator settings (@rocket.chat/rest-typings): only this reproduces its
// verdicts, in-place coercions ("5" for 5, "" for null) and messages.
const ajv = new Ajv2020({ coerceTypes: true, allowUnionTypes: true });

type Source = 'body' | 'query' | 'params';
type ParamsCheck = { source: Source; schema: object } | { source: Source; pattern: Pattern };

const PARAMS_CHECK = 'rocketchat:params-check';

/** A controller method, as Nest's execution context gives it. */
export type RouteHandler = ReturnType<ExecutionContext['getHandler']>;

/** A route's params check, compiled: throws Rocket.Chat's answer when the params fail it. */
export type ParamsCheckFn = (req: Request) => void;

/**
 * Judges a route's params the way Rocket.Chat does, before anything else runs but the rate
 * limit (Rocket.Chat checks params before the token). On the livechat routes it runs ahead of
 * Nest's router (RocketChatChecks, through `checkFor`); as a guard, list it before the token
 * guard. A route's check is compiled once, with this service's size limits added.
 */
@Injectable()
export class RocketChatParamsGuard implements CanActivate {
  private readonly validators = new Map<object, ValidateFunction>();

  constructor(
    private readonly reflector: Reflector,
    @Inject(appConfig.KEY) private readonly config: AppConfig,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    this.checkFor(context.getHandler())?.(context.switchToHttp().getRequest<Request>());
    return true;
  }

  /** The check a route handler declares (RocketChatParams, MeteorCheck), or none. */
  checkFor(handler: RouteHandler): ParamsCheckFn | undefined {
    const check = this.reflector.get<ParamsCheck | undefined>(PARAMS_CHECK, handler);
    if (!check) return undefined;
    const { source } = check;
    if ('pattern' in check) {
      return (req) => {
        const message = matchError(req[source], check.pattern);
        if (message !== null) throw RocketChatError.plain(message);
      };
    }
    const validate = this.validator(check.schema);
    return (req) => {
      // First error only, message without the instance path: exactly Rocket.Chat's text.
      if (!validate(req[source])) {
        throw RocketChatError.bracketed('invalid-params', validate.errors?.[0]?.message);
      }
    };
  }

  private validator(schema: object): ValidateFunction {
    let validate = this.validators.get(schema);
    if (!validate) {
      const { surveyItems, stringLength } = this.config.limits;
      validate = ajv.compile(withLimits(schema, surveyItems, stringLength));
      this.validators.set(schema, validate);
    }
    return validate;
  }
}

/**
 * Our limits on top of Rocket.Chat's schema: every array at most `maxItems` items, every
 * string at most `maxLength` characters, worded by AJV itself
 * ("must NOT have more than 100 items"). Everything else keeps Rocket.Chat's order of checks.
 */
export function withLimits(schema: object, maxItems: number, maxLength: number): object {
  const node = schema as Record<string, unknown>;
  const limited: Record<string, unknown> = { ...node };
  if (node.type === 'string') limited.maxLength = maxLength;
  if (node.type === 'array') limited.maxItems = maxItems;
  if (node.items) limited.items = withLimits(node.items, maxItems, maxLength);
  if (node.properties) {
    limited.properties = Object.fromEntries(
      Object.entries(node.properties).map(([key, sub]) => [
        key,
        withLimits(sub as object, maxItems, maxLength),
      ]),
    );
  }
  return limited;
}

/**
 * Rocket.Chat's `validateParams`: a JSON Schema checked by AJV, answering
 * `{"error":"<first AJV message> [invalid-params]","errorType":"invalid-params"}`.
 * Checked ahead of Nest's router on a `@RocketChatRoutes()` controller (RocketChatChecks).
 */
export const RocketChatParams = (schema: object, source: Source = 'body') =>
  SetMetadata(PARAMS_CHECK, { source, schema } satisfies ParamsCheck);

/** Rocket.Chat's `check(params, pattern)`: answers the plain `{"error":"Match error: ..."}`. */
export const MeteorCheck = (pattern: Pattern, source: Source = 'body') =>
  SetMetadata(PARAMS_CHECK, { source, pattern } satisfies ParamsCheck);
