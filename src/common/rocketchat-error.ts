/** The error bodies Rocket.Chat's REST API sends; only the exception filter writes them out. */
export type RocketChatErrorBody =
  | { success: false; error: string; errorType: string; details?: Record<string, unknown> }
  | { success: false; error: string }
  // Rocket.Chat's REST authentication failure (API.v1.unauthorized).
  | { success: false; error: string; status: 'error'; message: string };

/**
 * A failure in Rocket.Chat's words. Routes differ in shape (the route decides, the filter
 * writes): `bracketed` gives `{error: "[type]", errorType: "type"}` (or `"message [type]"`),
 * `plain` gives `{error: "text"}` with no errorType.
 */
export class RocketChatError extends Error {
  readonly body: RocketChatErrorBody;
  readonly status: number;
  /** Headers the answer carries besides the body (a 503 service-busy's Retry-After). */
  readonly headers: Record<string, string> = {};

  private constructor(body: RocketChatErrorBody, status: number) {
    // An expected answer, not a bug: no stack trace. Capturing one through Nest's deep call
    // stacks cost ~20 µs a request (4 % of the invalid-params path's CPU), and it is never shown.
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(body.error);
    Error.stackTraceLimit = stackTraceLimit;
    this.body = body;
    this.status = status;
  }

  static bracketed(
    errorType: string,
    message?: string,
    status = 400,
    details?: Record<string, unknown>,
  ): RocketChatError {
    const error = message ? `${message} [${errorType}]` : `[${errorType}]`;
    return new RocketChatError(
      { success: false, error, errorType, ...(details && { details }) },
      status,
    );
  }

  /** 503 service-busy: the work is bounded and full; the client may retry after `seconds`. */
  static busy(message: string, seconds: number): RocketChatError {
    const error = RocketChatError.bracketed('service-busy', message, 503);
    error.headers['Retry-After'] = String(seconds);
    return error;
  }

  static plain(error: string, status = 400): RocketChatError {
    return new RocketChatError({ success: false, error }, status);
  }

  /** Rocket.Chat 8's 401 for missing or wrong REST credentials, word for word. */
  static unauthorized(): RocketChatError {
    const text = 'You must be logged in to do this.';
    return new RocketChatError(
      { success: false, error: text, status: 'error', message: text },
      401,
    );
  }

  /** The error code a route reports, for either shape (bracketed type or plain text). */
  get code(): string {
    return 'errorType' in this.body ? this.body.errorType : this.body.error;
  }

  /** A short, bounded name for metrics and logs (never a message that could carry input). */
  get label(): string {
    if (this.status === 429) return 'error-too-many-requests';
    if (this.status === 401) return 'unauthorized';
    if (this.status === 403) return 'error-unauthorized';
    if (this.status >= 500 && !('errorType' in this.body)) return 'internal-error';
    if (this.body.error.startsWith('Match error:')) return 'match-error';
    return this.code;
  }
}
