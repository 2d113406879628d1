import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { env, exitOnStartFailure, exitWithin, stopWithParent } from '@causeway/config';
import { assertDatabaseReachable } from '@causeway/database';
import { createWorkerApp } from './bootstrap';

async function main(): Promise<void> {
  await assertDatabaseReachable(env().DATABASE_URL);
  await createWorkerApp();
  stopWithParent();
  exitWithin(25_000);
  new Logger('Worker').log('worker started; consuming queues');
}

main().catch(exitOnStartFailure('Worker'));
