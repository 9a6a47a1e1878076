import { CanActivate, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import Ajv2020 from 'ajv/dist/2020';
import type { Request } from 'express';
import { matchError, type Pattern } from './meteor-check';
import { RocketChatError } from './rocketchat-error';

// Rocket.Chat's own validator settings (@rocket.chat/rest-typings): only this reproduces its
// verdicts, in-place coercions ("5" for 5, "" for null) and messages.
const ajv = new Ajv2020({ coerceTypes: true, allowUnionTypes: true });

type Source = 'body' | 'query' | 'params';
interface ParamsCheck {
  source: Source;
  /** The error for an invalid value, or null; may coerce the value in place. */
  check: (value: unknown) => RocketChatError | null;
}

const PARAMS_CHECK = 'rocketchat:params-check';

/**
 * Judges a route's params the way Rocket.Chat does, before anything else runs (guards run
 * before pipes, and Rocket.Chat checks params before the token). Validators are compiled once,
 * when the decorator is evaluated.
 */
@Injectable()
export class RocketChatParamsGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const { source, check } = this.reflector.get<ParamsCheck>(PARAMS_CHECK, context.getHandler());
    const error = check(context.switchToHttp().getRequest<Request>()[source]);
    if (error) throw error;
    return true;
  }
}

/**
 * Rocket.Chat's `validateParams`: a JSON Schema checked by AJV, answering
 * `{"error":"<first AJV message> [invalid-params]","errorType":"invalid-params"}`.
 * List RocketChatParamsGuard in @UseGuards ahead of the token guard (guards run in order).
 */
export function RocketChatParams(schema: object, source: Source = 'body') {
  const validate = ajv.compile(schema);
  return SetMetadata(PARAMS_CHECK, {
    source,
    check: (value) =>
      validate(value)
        ? null
        : RocketChatError.bracketed('invalid-params', validate.errors?.[0]?.message),
  } satisfies ParamsCheck);
}

/** Rocket.Chat's `check(params, pattern)`: answers the plain `{"error":"Match error: ..."}`. */
export function MeteorCheck(pattern: Pattern, source: Source = 'body') {
  return SetMetadata(PARAMS_CHECK, {
    source,
    check: (value) => {
      const message = matchError(value, pattern);
      return message === null ? null : RocketChatError.plain(message);
    },
  } satisfies ParamsCheck);
}
