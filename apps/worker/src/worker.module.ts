import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { ConfigModule } from '@causeway/config';
import { DatabaseModule } from '@causeway/database';
import { EventBusModule, QueueModule } from '@causeway/queue';
import { SystemProcessor } from './system/system.processor';
import { WorkerShutdown } from './worker-shutdown';

/** BullMQ consumers only: no HTTP, no GraphQL. */
@Module({
  imports: [ConfigModule, DiscoveryModule, DatabaseModule, QueueModule.forRoot('consumer'), EventBusModule],
  providers: [SystemProcessor, WorkerShutdown],
})
export class WorkerModule {}
