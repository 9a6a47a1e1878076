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
