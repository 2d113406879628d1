import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createAppLogger } from '@causeway/config';
import { WorkerModule } from './worker.module';

/** Builds the worker (shared by main.ts and the test helpers); its processors start consuming on init. */
export async function createWorkerApp(): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(WorkerModule, { logger: createAppLogger('Worker') });
  app.enableShutdownHooks();
  await app.init();
  return app;
}
