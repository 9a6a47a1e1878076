import type { Response } from 'express';
import { RocketChatError } from '../common/rocketchat-error';

/** The X-RateLimit-* headers as Rocket.Chat sends them (the reset in epoch milliseconds). */
export function setRateLimitHeaders(
  res: Response,
  limit: number,
  remaining: number,
  resetAt: number,
): void {
  res.header('X-RateLimit-Limit', String(limit));
  res.header('X-RateLimit-Remaining', String(Math.max(0, remaining)));
  res.header('X-RateLimit-Reset', String(resetAt));
}

/** Rocket.Chat's 429 (its body, Retry-After in seconds), for a window that ends at `resetAt`. */
export function tooManyRequests(res: Response, limit: number, resetAt: number): RocketChatError {
  const seconds = Math.max(1, Math.ceil((resetAt - Date.now()) / 1000));
  res.header('Retry-After', String(seconds));
  setRateLimitHeaders(res, limit, 0, resetAt);
  return RocketChatError.plain(
    `Error, too many requests. Please slow down. You must wait ${seconds} seconds before trying this endpoint again. [error-too-many-requests]`,
    429,
  );
}
