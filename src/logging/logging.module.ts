import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import pino, { type Logger } from 'pino';
import pinoPretty from 'pino-pretty';
import { pinoHttp, type HttpLogger } from 'pino-http';
import { appConfig, type AppConfig } from '../config/app.config';
import { redactUrl } from './redact';

const REQUEST_ID = /^[\w.:-]{1,128}$/;

/** The one pino instance: Nest's own logs and the access log both write through it. */
export const ROOT_LOGGER = Symbol('ROOT_LOGGER');

@Module({
  providers: [
    {
      provide: ROOT_LOGGER,
      inject: [appConfig.KEY],
      useFactory: (config: AppConfig): Logger => rootLogger(config.logLevel, config.logFormat),
    },
  ],
  exports: [ROOT_LOGGER],
})
class RootLoggerModule {}

/**
 * Logs (JSON, or readable lines in development): Nest's own through nestjs-pino, and one access-log line per request (accessLog,
 * applied by configureApp). nestjs-pino's request middleware is left out (`forRoutes: []`): it
 * binds each request to an AsyncLocalStorage, which Node 20 tracks with promise hooks on every
 * promise the request makes; the one request-scoped log, the error filter's, has `req.log`.
 */
@Module({
  imports: [
    RootLoggerModule,
    LoggerModule.forRootAsync({
      imports: [RootLoggerModule],
      inject: [ROOT_LOGGER],
      useFactory: (logger: Logger) => ({ pinoHttp: { logger }, forRoutes: [] }),
    }),
  ],
  exports: [RootLoggerModule],
})
export class LoggingModule {}

export function rootLogger(level: string, format: AppConfig['logFormat'] = 'json'): Logger {
  const options = { level, serializers: { req: requestFields, res: responseFields } };
  if (format === 'json') return pino(options);
  // Development: one readable line per entry, written synchronously in this thread (no worker).
  return pino(
    options,
    pinoPretty({
      sync: true,
      translateTime: 'SYS:HH:MM:ss.l',
      ignore: 'pid,hostname,context',
      messageFormat: '{if context}[{context}] {end}{msg}',
    }),
  );
}

/**
 * What a log line may show of a request: an allowlist, so headers (credentials), query strings
 * and bodies (visitor tokens) never reach a log, whoever logs a `req`.
 */
function requestFields(req: IncomingMessage & { id?: unknown; originalUrl?: string }) {
  return {
    id: req.id,
    method: req.method,
    url: redactUrl(req.originalUrl ?? req.url ?? ''),
    remoteAddress: req.socket?.remoteAddress,
  };
}

const responseFields = (res: ServerResponse) => ({ statusCode: res.statusCode });

/**
 * The access log (plain pino-http): one line per request with a request id (an incoming
 * X-Request-Id is kept, and returned), through the root logger's allowlist serializers
 * (`wrapSerializers: false`: pino-std-serializers' full copy of the request is never made).
 */
export function accessLog(logger: Logger): HttpLogger {
  return pinoHttp({
    logger,
    wrapSerializers: false,
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const incoming = req.headers['x-request-id'];
      const id =
        typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    // A 5xx line: its status and the cause the exception filter saw (res.locals.errorCause), not
    // the stack of the `failed with status code 503` error pino-http makes up when none was given.
    customErrorMessage: (_req, res) => `request failed with status ${res.statusCode}`,
    customErrorObject: (_req, res, error, { err: _made, ...fields }: Record<string, unknown>) => {
      const cause = (res as ServerResponse & { locals?: { errorCause?: string } }).locals
        ?.errorCause;
      const madeUp = error.message === `failed with status code ${res.statusCode}`;
      return {
        ...fields,
        cause: cause ?? (madeUp ? undefined : `${error.name}: ${error.message}`),
      };
    },
    // Health probes and scrapes would drown the access log.
    autoLogging: {
      ignore: (req: IncomingMessage) => /^\/(health|metrics)/.test(req.url ?? ''),
    },
  });
}
