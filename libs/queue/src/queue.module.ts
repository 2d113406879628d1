import { DynamicModule, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { queueConfig, QueueConfig } from '@causeway/config';
import type IORedis from 'ioredis';
import { bullmqConnection, QueueRole } from './bullmq-connection';
import { DEFAULT_JOB_OPTIONS } from './job-options';
import { QueueName } from './queue-names';

const REDIS_HOLDER = Symbol('BULLMQ_REDIS_HOLDER');

@Injectable()
class ConnectionCloser implements OnApplicationShutdown {
  constructor(@Inject(REDIS_HOLDER) private readonly holder: { redis?: IORedis }) {}
  async onApplicationShutdown(): Promise<void> {
    this.holder.redis?.disconnect();
  }
}

/**
 * BullMQ for an app. The API registers queues as a producer (fails fast when the queue is down);
 * the worker as a consumer (reconnects). Both read the backend from configuration at start.
 */
@Module({})
export class QueueModule {
  static forRoot(role: QueueRole, queues: QueueName[] = Object.values(QueueName)): DynamicModule {
    const holder: { redis?: IORedis } = {};
    return {
      module: QueueModule,
      global: true,
      imports: [
        BullModule.forRootAsync({
          inject: [queueConfig.KEY],
          useFactory: (config: QueueConfig) => {
            const { connection, redis } = bullmqConnection(config, role);
            holder.redis = redis;
            return { connection: connection as never, defaultJobOptions: DEFAULT_JOB_OPTIONS };
          },
        }),
        BullModule.registerQueue(...queues.map((name) => ({ name }))),
      ],
      providers: [{ provide: REDIS_HOLDER, useValue: holder }, ConnectionCloser],
      exports: [BullModule],
    };
  }
}
