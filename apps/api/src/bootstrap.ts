import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { apiConfig, appConfig, createAppLogger } from '@causeway/config';
import { configureCursors } from '@causeway/common';
import { ApiModule } from './api.module';
import { HttpErrorsFilter, requestReadErrors } from './http-errors.filter';

/** Builds the API application (shared by main.ts and the test helpers); does not listen. */
export async function createApiApp(): Promise<INestApplication> {
  const api = apiConfig();
  const app = appConfig();
  configureCursors(api.cursorSecret);
  const nest = await NestFactory.create<NestExpressApplication>(ApiModule, { bodyParser: false, logger: createAppLogger('Api') });
  nest.disable('x-powered-by');
  nest.use(
    helmet({
      // The Apollo landing page of development loads its sandbox from a CDN; everywhere else only this origin.
      contentSecurityPolicy: app.isDevelopment
        ? false
        : { directives: { 'connect-src': ["'self'"], 'upgrade-insecure-requests': app.isProduction ? [] : null } },
      strictTransportSecurity: app.isProduction,
    }),
  );
  // Browsers on other origins only where CORS_ORIGINS names them (the web app is same-origin).
  if (api.corsOrigins.length > 0) nest.enableCors({ origin: api.corsOrigins, credentials: false, maxAge: 600 });
  nest.useBodyParser('json', { limit: api.maxBodyBytes });
  nest.use(requestReadErrors);
  nest.useGlobalFilters(new HttpErrorsFilter());
  nest.enableShutdownHooks();
  // A client that trickles its headers or body (slowloris) is cut off instead of holding a socket.
  const server = nest.getHttpServer() as import('node:http').Server;
  server.headersTimeout = 15_000;
  server.requestTimeout = 30_000;
  return nest;
}
