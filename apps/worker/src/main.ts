import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { env, exitOnStartFailure } from '@causeway/config';
import { createWorkerApp } from './bootstrap';

async function main(): Promise<void> {
  env();
  await createWorkerApp();
  new Logger('Worker').log('worker started; consuming queues');
}

main().catch(exitOnStartFailure('Worker'));
