import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { appConfig, type AppConfig } from '../config/app.config';
import { REDACT_PATHS, redactUrl } from './redact';

const REQUEST_ID = /^[\w.:-]{1,128}$/;

/**
 * JSON logs through nestjs-pino: one line per request with a request id (an incoming
 * X-Request-Id is kept, and returned), tokens and credentials redacted.
 */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [appConfig.KEY],
      useFactory: (config: AppConfig) => ({
        pinoHttp: {
          level: config.logLevel,
          redact: { paths: REDACT_PATHS, censor: '[Redacted]' },
          genReqId: (req: IncomingMessage, res: ServerResponse) => {
            const incoming = req.headers['x-request-id'];
            const id =
              typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
            res.setHeader('X-Request-Id', id);
            return id;
          },
          serializers: {
            req: (req: { id: string; method: string; url: string; remoteAddress?: string }) => ({
              id: req.id,
              method: req.method,
              url: redactUrl(req.url),
              remoteAddress: req.remoteAddress,
            }),
            res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
          },
          // Health probes and scrapes would drown the access log.
          autoLogging: {
            ignore: (req: IncomingMessage) => /^\/(health|metrics)/.test(req.url ?? ''),
          },
        },
      }),
    }),
  ],
})
export class LoggingModule {}
