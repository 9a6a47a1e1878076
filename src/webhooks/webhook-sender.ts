import { createHmac } from 'node:crypto';
import { request as httpRequest, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { bareHost, checkedLookup, refusal } from './webhook-address';

export interface SendResult {
  /** The receiver's HTTP status, when it answered. */
  status: number | null;
  /** Why there was no answer (refused address, timeout, connection error). */
  error: string | null;
}

/** Standard Webhooks: `v1,` + base64 HMAC-SHA256 of `id.timestamp.body`, keyed by the secret's bytes. */
export function sign(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

/**
 * One attempt: a POST that follows no redirect, to an address checked at this attempt, within
 * `timeoutMs` (the name's lookup included).
 */
export async function send(
  target: { url: string; secret: string; messageId: string; body: string },
  options: { allowPrivate: boolean; timeoutMs: number },
): Promise<SendResult> {
  const url = new URL(target.url);
  // An IP literal is checked here (net looks nothing up for it); a name by the connection's own
  // lookup, inside the timeout like the rest of the exchange.
  const host = bareHost(url);
  const refused = isIP(host) ? refusal(host, options.allowPrivate) : null;
  if (refused) return { status: null, error: refused };
  const timestamp = Math.floor(Date.now() / 1000);
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
      'webhook-signature': sign(target.secret, target.messageId, timestamp, target.body),
    },
  };
  const requestFn = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<SendResult>((resolve) => {
    // The whole exchange, not just each idle gap, must fit in the timeout.
    const timer = setTimeout(
      () => req.destroy(new Error(`no answer within ${options.timeoutMs} ms`)),
      options.timeoutMs,
    );
    const done = (result: SendResult) => {
      clearTimeout(timer);
      resolve(result);
    };
    const req = requestFn(url, request, (res) => {
      res.resume();
      res.on('end', () => done({ status: res.statusCode ?? null, error: null }));
      res.on('error', () => done({ status: res.statusCode ?? null, error: null }));
    });
    req.on('error', (error) => done({ status: null, error: error.message }));
    req.end(target.body);
  });
}
