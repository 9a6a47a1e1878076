import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { mongo } from 'mongoose';
import { RocketChatError } from './rocketchat-error';

/** Nest's Logger, or a request's pino logger: both take a message first. */
type Log = Pick<Logger, 'warn' | 'error'>;

/**
 * The one place that turns any thrown error into Rocket.Chat's envelope. Unknown errors are
 * logged by name and message only (never the request), and answered without internals.
 */
@Catch()
export class RocketChatExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    // The access log's request logger, so that the line carries the request id.
    const error = this.toRocketChat(exception, http.getRequest<Request & { log?: Log }>().log);
    // For the metrics middleware: the outcome, by a bounded label.
    response.locals.errorType = error.label;
    // For the access log: what caused a 5xx (pino-http would only invent an error of its own).
    if (error.status >= 500) response.locals.errorCause = causeOf(exception);
    response.set(error.headers).status(error.status).json(error.body);
  }

  toRocketChat(exception: unknown, log: Log = this.logger): RocketChatError {
    if (exception instanceof RocketChatError) return exception;
    if (databaseUnreachable(exception)) {
      log.warn(`database unavailable: ${exception.name}`);
      return RocketChatError.bracketed('service-unavailable', undefined, 503);
    }
    const status = clientErrorStatus(exception);
    if (status === 413) return RocketChatError.bracketed('payload-too-large', undefined, 413);
    if (status !== undefined) return RocketChatError.plain(httpErrorText(status), status);
    const error = exception instanceof Error ? exception : new Error(String(exception));
    log.error(`unhandled ${error.name}: ${error.message}`);
    // Rocket.Chat's own answer to an unexpected failure (API.v1.internalError).
    return RocketChatError.plain('Internal server error', 500);
  }
}

/**
 * A 5xx's cause for the access log, without a stack: a database error's class and message (they
 * name hosts and timeouts, never data); of anything else only the class, as the message may quote
 * input (the filter's own `unhandled` line, with the same request id, has it).
 */
function causeOf(exception: unknown): string {
  if (databaseUnreachable(exception))
    return `database unavailable: ${exception.name}: ${exception.message}`;
  if (exception instanceof RocketChatError) return exception.label;
  return `unhandled ${exception instanceof Error ? exception.name : typeof exception}`;
}

function databaseUnreachable(exception: unknown): exception is Error {
  return (
    exception instanceof mongo.MongoServerSelectionError ||
    exception instanceof mongo.MongoNetworkError ||
    exception instanceof mongo.MongoNotConnectedError ||
    // Every pooled connection is busy past DB_OPERATION_TIMEOUT_MS (a stalled server holds them);
    // the driver does not export this error's class.
    (exception instanceof mongo.MongoDriverError &&
      exception.name === 'MongoWaitQueueTimeoutError') ||
    // A bulk write copies the network error it failed on (its `beforeHandshake` flag included)
    // into a MongoBulkWriteError.
    (exception instanceof mongo.MongoBulkWriteError && 'beforeHandshake' in exception) ||
    // InternalError (code 1): the database failed the operation itself; FerretDB answers it for a
    // write caught by its own shutdown ("sql: transaction has already been committed or rolled
    // back", seen in the database-restart fault test).
    (exception instanceof mongo.MongoServerError && exception.code === 1) ||
    // Rarely the driver lets a raw socket error through when the database drops the
    // connection mid-write (seen in the database-restart fault test): the only sockets this
    // service writes to are its database's (and Redis').
    (exception instanceof Error &&
      ['EPIPE', 'ECONNRESET'].includes(String((exception as { code?: unknown }).code)))
  );
}

/** The 4xx status of a Nest HttpException or of an http-errors error (body-parser's). */
function clientErrorStatus(exception: unknown): number | undefined {
  const status =
    exception instanceof HttpException
      ? exception.getStatus()
      : (exception as { status?: unknown } | null)?.status;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}

// Fixed texts: Nest's own messages quote the path, which can carry a visitor token.
function httpErrorText(status: number): string {
  if (status === 404) return 'Not found';
  if (status === 405) return 'Method not allowed';
  if (status === 415) return 'Unsupported media type';
  return 'Bad request';
}
