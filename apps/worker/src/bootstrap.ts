import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { quietFramework } from '@causeway/observability';
import { WorkerModule } from './worker.module';

/** Builds the worker (shared by main.ts and the test helpers); its processors start consuming on init. */
export async function createWorkerApp(): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  app.useLogger(quietFramework(app.get(Logger)));
  app.enableShutdownHooks();
  await app.init();
  return app;
}
