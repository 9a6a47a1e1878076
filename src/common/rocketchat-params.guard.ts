import { CanActivate, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import type { Request } from 'express';
import { RocketChatError } from './rocketchat-error';

// Rocket.Chat's own validator settings (@rocket.chat/rest-typings): only this reproduces its
// verdicts, in-place coercions ("5" for 5, "" for null) and messages.
const ajv = new Ajv2020({ coerceTypes: true, allowUnionTypes: true });

const PARAMS_VALIDATOR = 'rocketchat:params-validator';

/**
 * Judges a route's body with Rocket.Chat's JSON Schema before anything else runs (guards run
 * before pipes, and Rocket.Chat checks params before the token). The schema is compiled once,
 * when the decorator is evaluated.
 */
@Injectable()
export class RocketChatParamsGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const validate = this.reflector.get<ValidateFunction>(PARAMS_VALIDATOR, context.getHandler());
    const request = context.switchToHttp().getRequest<Request>();
    if (!validate(request.body)) {
      // First error only, message without the instance path: exactly Rocket.Chat's text.
      throw RocketChatError.bracketed('invalid-params', validate.errors?.[0]?.message);
    }
    return true;
  }
}

/**
 * The route's Rocket.Chat params schema; list RocketChatParamsGuard in @UseGuards ahead of the
 * token guard (guards run in the order listed).
 */
export const RocketChatParams = (schema: object) =>
  SetMetadata(PARAMS_VALIDATOR, ajv.compile(schema));
