import { createHmac } from 'node:crypto';
import { request as httpRequest, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { bareHost, checkedLookup, RefusedAddressError, refusal } from './webhook-address';
import type { AttemptError } from './webhook.schema';

/** What of the receiver's answer is kept: enough to recognise an error page, never a whole one. */
export const RESPONSE_BYTES = 200;

export interface SendResult {
  /** The receiver's HTTP status, when it answered. */
  status: number | null;
  /** Why there was no answer (refused address, timeout, connection error). */
  error: string | null;
  /** That reason's class, for the deliveries route and whoever filters on it. */
  errorClass: AttemptError | null;
  durationMs: number;
  /** The first RESPONSE_BYTES of the answer's body; null without an answer. */
  response: string | null;
}

/** Standard Webhooks: `v1,` + base64 HMAC-SHA256 of `id.timestamp.body`, keyed by the secret's bytes. */
export function sign(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

class SendTimeoutError extends Error {}

const TLS_CODE =
  /^(ERR_TLS_|ERR_SSL_|EPROTO$|CERT_|DEPTH_ZERO_|SELF_SIGNED_|UNABLE_TO_|HOSTNAME_MISMATCH)/;

/** The class of a failed exchange: what an operator would fix (the receiver, DNS, TLS, …). */
export function errorClass(error: Error): AttemptError {
  if (error instanceof SendTimeoutError) return 'timeout';
  if (error instanceof RefusedAddressError) {
    return error.message.endsWith('does not resolve') ? 'dns' : 'blocked';
  }
  const code = (error as NodeJS.ErrnoException).code ?? '';
  if (code === 'ECONNREFUSED') return 'refused';
  if (code === 'ETIMEDOUT') return 'timeout';
  if (['ENOTFOUND', 'EAI_AGAIN', 'ENODATA'].includes(code)) return 'dns';
  if (['ECONNRESET', 'EPIPE', 'ECONNABORTED'].includes(code)) return 'reset';
  return TLS_CODE.test(code) ? 'tls' : 'network';
}

/**
 * One attempt: a POST that follows no redirect, to an address checked at this attempt, within
 * `timeoutMs` (the name's lookup included). Signed with each of `secrets`, space-separated, as
 * Standard Webhooks allows: during a rotation's overlap a receiver with either secret verifies.
 */
export async function send(
  target: { url: string; secrets: readonly string[]; messageId: string; body: string },
  options: { allowPrivate: boolean; timeoutMs: number },
): Promise<SendResult> {
  const started = Date.now();
  const url = new URL(target.url);
  // An IP literal is checked here (net looks nothing up for it); a name by the connection's own
  // lookup, inside the timeout like the rest of the exchange.
  const host = bareHost(url);
  const refused = isIP(host) ? refusal(host, options.allowPrivate) : null;
  if (refused) {
    return { status: null, error: refused, errorClass: 'blocked', durationMs: 0, response: null };
  }
  const timestamp = Math.floor(started / 1000);
  const signatures = target.secrets.map((secret) =>
    sign(secret, target.messageId, timestamp, target.body),
  );
  const request: RequestOptions = {
    method: 'POST',
    // A connection per attempt: a kept-alive socket would skip this attempt's address check.
    agent: false,
    lookup: checkedLookup(options.allowPrivate),
    headers: {
      'content-type': 'application/json',
      'user-agent': 'livechat-survey-webhooks',
      'webhook-id': target.messageId,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signatures.join(' '),
    },
  };
  const requestFn = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<SendResult>((resolve) => {
    // The whole exchange, not just each idle gap, must fit in the timeout.
    const timer = setTimeout(
      () => req.destroy(new SendTimeoutError(`no answer within ${options.timeoutMs} ms`)),
      options.timeoutMs,
    );
    const done = (result: Omit<SendResult, 'durationMs'>) => {
      clearTimeout(timer);
      resolve({ ...result, durationMs: Date.now() - started });
    };
    const req = requestFn(url, request, (res) => {
      const kept: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        if (size < RESPONSE_BYTES) kept.push(chunk.subarray(0, RESPONSE_BYTES - size));
        size += chunk.length;
      });
      const answered = () =>
        done({
          status: res.statusCode ?? null,
          error: null,
          errorClass: null,
          response: Buffer.concat(kept).toString('utf8'),
        });
      res.on('end', answered);
      res.on('error', answered);
    });
    req.on('error', (error) =>
      done({ status: null, error: error.message, errorClass: errorClass(error), response: null }),
    );
    req.end(target.body);
  });
}
