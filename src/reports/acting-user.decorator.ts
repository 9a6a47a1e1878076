import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { CredentialRequest } from './manager-auth.guard';
import type { Actor } from './manager-auth.service';

/** Who is acting on a ManagerAuthGuard route (its credential's actor). */
export const ActingUser = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  const { credential } = context.switchToHttp().getRequest<CredentialRequest>();
  // Only reachable behind ManagerAuthGuard, which sets it; a route without it is a bug.
  if (!credential) throw new Error('ActingUser used on a route without ManagerAuthGuard');
  return credential.actor;
});
