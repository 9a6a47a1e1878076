import { escape, parse, unescape } from 'node:querystring';

/**
 * The visitor token is a credential: it never reaches a log line. It can sit in a path
 * (`/visitor/<token>`), a query string (`?token=`) or a body; headers may carry other secrets.
 * A URL is redacted as the service reads it, not as it was spelled: Express's query parser
 * (node:querystring) decodes keys, so `?tok%65n=` is the token, and the router decodes path
 * parameters, so `/visitor/%61bc` is the token `abc`.
 */
const REDACTED = '[Redacted]';

// Everything after a `visitor/` segment, in the decoded path: the only route with a token in its
// path is /visitor/:token, and a client that misspells it (404) may still have sent a token.
const VISITOR_PATH = /(\/visitor\/+).+$/i;
// The hosted survey page's link id is a credential too: everything after `survey/`.
const SURVEY_PATH = /(\/survey\/+).+$/i;

// A key that names a token in any spelling the parser may turn into one (token[], TOKEN, ...).
const TOKEN_KEY = /token/i;

export function redactUrl(url: string): string {
  const queryAt = url.indexOf('?');
  const path = queryAt < 0 ? url : url.slice(0, queryAt);
  const query = queryAt < 0 ? '' : redactQuery(url.slice(queryAt + 1));
  return `${redactPath(path)}${queryAt < 0 ? '' : `?${query}`}`;
}

function redactPath(path: string): string {
  return (path.includes('%') ? unescape(path) : path)
    .replace(VISITOR_PATH, `$1${REDACTED}`)
    .replace(SURVEY_PATH, `$1${REDACTED}`);
}

/** The query as the parser sees it: decoded keys, re-encoded; token values redacted. */
function redactQuery(query: string): string {
  const parsed = parse(query);
  return Object.keys(parsed)
    .flatMap((key) => {
      const values = parsed[key];
      return (Array.isArray(values) ? values : [values ?? '']).map(
        (value) => `${escape(key)}=${TOKEN_KEY.test(key) ? REDACTED : escape(value)}`,
      );
    })
    .join('&');
}
