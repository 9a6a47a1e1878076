import {
  CanActivate,
  createParamDecorator,
  ExecutionContext,
  Injectable,
  SetMetadata,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { RocketChatError } from '../../common/rocketchat-error';
import { VisitorRepository, type VisitorDocument, type VisitorRef } from './visitor.repository';

export interface VisitorTokenOptions {
  /** Where the route carries the token. */
  from: 'body' | 'params' | 'query';
  /** How the route words `invalid-token`: `[invalid-token]` with errorType, or plain. */
  style: 'bracketed' | 'plain';
  /** 'full' loads the whole document (routes that return it); by default a few fields. */
  document?: 'ref' | 'full';
}

const VISITOR_TOKEN = 'livechat:visitor-token';
type VisitorRequest = Request & { visitor?: VisitorRef | VisitorDocument };

/** Marks a route whose visitor is identified by token; list VisitorTokenGuard in @UseGuards. */
export const VisitorToken = (options: VisitorTokenOptions) => SetMetadata(VISITOR_TOKEN, options);

/** The visitor the guard found, for the handler. */
export const CurrentVisitor = createParamDecorator(
  (_: unknown, context: ExecutionContext): VisitorRef | VisitorDocument | undefined =>
    context.switchToHttp().getRequest<VisitorRequest>().visitor,
);

/**
 * Resolves the visitor behind the route's token, or answers `invalid-token`. Runs after the
 * params check, so a body token is already a string.
 */
@Injectable()
export class VisitorTokenGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly visitors: VisitorRepository,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const options = this.reflector.get<VisitorTokenOptions>(VISITOR_TOKEN, context.getHandler());
    const request = context.switchToHttp().getRequest<VisitorRequest>();
    const token = (request[options.from] as Record<string, unknown> | undefined)?.token;
    const visitor =
      typeof token !== 'string'
        ? null
        : options.document === 'full'
          ? await this.visitors.findDocumentByToken(token)
          : await this.visitors.findByToken(token);
    if (!visitor) {
      throw options.style === 'bracketed'
        ? RocketChatError.bracketed('invalid-token')
        : RocketChatError.plain('invalid-token');
    }
    request.visitor = visitor;
    return true;
  }
}
