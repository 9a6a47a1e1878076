import { SetMetadata, type ExecutionContext } from '@nestjs/common';

const STRICT = 'rate-limit:strict';

/** Rocket.Chat's lower limit (RATE_LIMIT_STRICT_MAX, default 5) for GET room and POST visitor. */
export const StrictRateLimit = () => SetMetadata(STRICT, true);

export const isStrictlyLimited = (context: ExecutionContext): boolean =>
  Reflect.getMetadata(STRICT, context.getHandler()) === true;
