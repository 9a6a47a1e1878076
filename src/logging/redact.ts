/**
 * The visitor token is a credential: it never reaches a log line. It can sit in a path
 * (`/visitor/<token>`), a query string (`?token=`) or a body; headers may carry other secrets.
 */
const REDACTED = '[Redacted]';

export function redactUrl(url: string): string {
  return url
    .replace(/(\/livechat\/visitor\/)[^/?#]+/i, `$1${REDACTED}`)
    .replace(/([?&]token=)[^&#]*/gi, `$1${REDACTED}`);
}

/** pino redaction paths: body and query tokens, credentials in headers. */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-auth-token"]',
  'req.headers["x-visitor-token"]',
  'req.query.token',
  'req.params.token',
  'req.body.token',
  'req.body.visitor.token',
];
