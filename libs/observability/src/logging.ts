import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DynamicModule, LoggerService, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import pino, { DestinationStream, Logger as PinoLogger, LoggerOptions } from 'pino';
import { appConfig, AppConfig, ConfigModule, LogLevel } from '@causeway/config';
import { requestContext, requestIdFrom } from './request-context';

const PINO_LEVELS: Record<LogLevel, pino.Level> = {
  fatal: 'fatal',
  error: 'error',
  warn: 'warn',
  log: 'info',
  debug: 'debug',
  verbose: 'trace',
};

/**
 * Never logged, wherever they appear: credentials in headers, and any field named like a secret
 * (variables are never logged at all; these paths are the second line of defence).
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.newPassword',
  '*.currentPassword',
  '*.accessToken',
  '*.refreshToken',
  '*.token',
  '*.authorization',
  '*.secret',
  'password',
  'accessToken',
  'refreshToken',
  'token',
];

/** The request's path without its query string (the query may hold anything). */
const pathOf = (req: { url?: string; originalUrl?: string }) =>
  (req.originalUrl ?? req.url ?? '').split('?')[0];

/** Paths that are probes, not traffic: no request line for them. */
const QUIET_PATHS = /^\/(health|metrics)(\/|$|\?)/;

const files = new Map<string, DestinationStream>();

function destination(config: AppConfig): DestinationStream {
  if (config.logFile) {
    // One stream per file per process (tests run the API and the worker in one process).
    let stream = files.get(config.logFile);
    if (!stream) {
      stream = pino.destination({ dest: config.logFile, append: true, mkdir: true, sync: true });
      files.set(config.logFile, stream);
    }
    return stream;
  }
  if (config.logFormat === 'pretty') {
    try {
      // A devDependency: readable lines while developing; JSON wherever it is not installed.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const pretty = require('pino-pretty') as (o: object) => DestinationStream;
      return pretty({
        sync: true,
        singleLine: true,
        colorize: Boolean(process.stdout.isTTY),
        translateTime: 'SYS:HH:MM:ss.l',
        ignore: 'pid,hostname,app,context,req,res,responseTime',
        messageFormat: '{app} {if context}[{context}] {end}{msg}',
      });
    } catch {
      /* fall through to JSON */
    }
  }
  return pino.destination({ dest: 1, sync: true });
}

/** The process's root pino logger: JSON lines (or pretty in development), request/job ids mixed in, secrets redacted. */
export function createRootLogger(app: string, config: AppConfig = appConfig()): PinoLogger {
  const options: LoggerOptions = {
    level: PINO_LEVELS[config.logLevel],
    base: { app, pid: process.pid },
    redact: { paths: REDACTED_PATHS, censor: '[Redacted]' },
    // Inside a job: its queue, id and the request id it came from. (Inside an HTTP request the
    // request logger binds requestId itself.)
    mixin: () => {
      const store = requestContext.getStore();
      return store?.jobId ? { ...store } : {};
    },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters:
      config.logFormat === 'json' || config.logFile
        ? { level: (label) => ({ level: label }) }
        : undefined,
  };
  return pino(options, destination(config));
}

/** Nest's own start-up chatter (module and route listings): debug, not info. */
const FRAMEWORK_CONTEXTS = new Set([
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'NestFactory',
  'GraphQLModule',
]);

/** Wraps nestjs-pino's Logger so that Nest's start-up listings are written at debug level. */
export function quietFramework(logger: LoggerService): LoggerService {
  return Object.assign(Object.create(logger) as LoggerService, {
    log(message: unknown, ...rest: unknown[]) {
      const context = rest.at(-1);
      if (typeof context === 'string' && FRAMEWORK_CONTEXTS.has(context))
        logger.debug?.(message, ...rest);
      else logger.log(message, ...rest);
    },
  });
}

/** Express middleware (before everything else): the request's id, in x-request-id and in the request context. */
export function requestContextMiddleware(
  req: IncomingMessage & { id?: string },
  res: ServerResponse,
  next: () => void,
): void {
  const requestId = requestIdFrom(req.headers['x-request-id']);
  req.id = requestId;
  res.setHeader('x-request-id', requestId);
  requestContext.run({ requestId }, next);
}

/**
 * nestjs-pino for an app: Nest's Logger writes through pino; for HTTP apps every request gets one
 * line when it completes (method, path without the query, status, time; never headers or bodies)
 * and keeps its x-request-id (or gets a new one) as `requestId` on every line written meanwhile.
 */
@Module({})
export class LoggingModule {
  static forApp(app: string): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRootAsync({
          imports: [ConfigModule],
          inject: [appConfig.KEY],
          useFactory: (config: AppConfig) => ({
            pinoHttp: {
              logger: createRootLogger(app, config),
              quietReqLogger: true,
              customAttributeKeys: { reqId: 'requestId' },
              genReqId: (req: IncomingMessage) => (req as { id?: string }).id ?? randomUUID(),
              autoLogging: { ignore: (req: IncomingMessage) => QUIET_PATHS.test(pathOf(req)) },
              customLogLevel: (_req: IncomingMessage, res: ServerResponse, err?: Error) =>
                err || res.statusCode >= 500 ? 'error' : 'info',
              customSuccessMessage: (req: IncomingMessage, res: ServerResponse) =>
                `${req.method} ${pathOf(req)} ${res.statusCode}`,
              customErrorMessage: (req: IncomingMessage, res: ServerResponse) =>
                `${req.method} ${pathOf(req)} ${res.statusCode}`,
              serializers: {
                req: (req: {
                  method?: string;
                  url?: string;
                  originalUrl?: string;
                  raw?: IncomingMessage;
                }) => ({ method: req.method, path: pathOf(req.raw ?? req) }),
                res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
                err: pino.stdSerializers.err,
              },
            },
          }),
        }),
      ],
    };
  }
}
