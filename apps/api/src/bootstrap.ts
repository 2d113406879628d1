import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { apiConfig, appConfig } from '@causeway/config';
import { configureCursors } from '@causeway/common';
import { quietFramework, requestContextMiddleware } from '@causeway/observability';
import { ApiModule } from './api.module';
import { HttpErrorsFilter, requestReadErrors } from './http-errors.filter';

/** Builds the API application (shared by main.ts and the test helpers); does not listen. */
export async function createApiApp(): Promise<INestApplication> {
  const api = apiConfig();
  const app = appConfig();
  configureCursors(api.cursorSecret);
  const nest = await NestFactory.create<NestExpressApplication>(ApiModule, {
    bodyParser: false,
    bufferLogs: true,
  });
  nest.useLogger(quietFramework(nest.get(Logger)));
  nest.use(requestContextMiddleware); // x-request-id, followed into the jobs a request causes
  nest.disable('x-powered-by');
  const headers = (csp: boolean) =>
    helmet({
      // The Apollo landing page of development loads its sandbox from a CDN; everywhere else only this origin.
      contentSecurityPolicy:
        csp && !app.isDevelopment
          ? {
              directives: {
                'connect-src': ["'self'"],
                'upgrade-insecure-requests': app.isProduction ? [] : null,
              },
            }
          : false,
      strictTransportSecurity: app.isProduction,
    });
  const [strict, withoutCsp] = [headers(true), headers(false)];
  // bull-board's dashboard (platform admins only) ships inline scripts and styles: no CSP there.
  nest.use((req: Request, res: Response, next: NextFunction) =>
    (req.path.startsWith('/admin/queues') ? withoutCsp : strict)(req, res, next),
  );
  // Browsers on other origins only where CORS_ORIGINS names them (the web app is same-origin).
  if (api.corsOrigins.length > 0)
    nest.enableCors({ origin: api.corsOrigins, credentials: false, maxAge: 600 });
  nest.useBodyParser('json', { limit: api.maxBodyBytes });
  nest.use(requestReadErrors);
  nest.useGlobalFilters(new HttpErrorsFilter());
  nest.enableShutdownHooks();
  // A client that trickles its headers or body (slowloris) is cut off instead of holding a socket.
  const server = nest.getHttpServer();
  server.headersTimeout = 15_000;
  server.requestTimeout = 30_000;
  return nest;
}
