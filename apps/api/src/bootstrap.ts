import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { apiConfig } from '@causeway/config';
import { quietFramework, requestContextMiddleware } from '@causeway/observability';
import { ApiModule } from './api.module';
import { HttpErrorsFilter } from './http-errors.filter';

/** Builds the API application (shared by main.ts and the test helpers); does not listen. */
export async function createApiApp(): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule, { bodyParser: false, bufferLogs: true });
  app.useLogger(quietFramework(app.get(Logger)));
  app.use(requestContextMiddleware); // x-request-id, followed into the jobs a request causes
  app.useBodyParser('json', { limit: apiConfig().maxBodyBytes });
  app.useGlobalFilters(new HttpErrorsFilter());
  app.enableShutdownHooks();
  return app;
}
