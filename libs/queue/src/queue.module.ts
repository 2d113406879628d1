import { DynamicModule, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { Queue, Worker } from 'bullmq';
import { redisOutage } from './redis-outage';
import { ConfigModule, queueConfig, QueueConfig } from '@causeway/config';
import type IORedis from 'ioredis';
import { bullmqConnection, QueueRole } from './bullmq-connection';
import { DEFAULT_JOB_OPTIONS } from './job-options';
import { QueueName } from './queue-names';

/**
 * The Redis connection BullMQ got, per application: keyed by that application's own queue
 * configuration object, so two applications in one process (tests) each close their own.
 */
const connections = new WeakMap<QueueConfig, IORedis>();

@Injectable()
class ConnectionCloser implements OnApplicationShutdown {
  constructor(@Inject(queueConfig.KEY) private readonly config: QueueConfig) {}
  onApplicationShutdown(): void {
    connections.get(this.config)?.disconnect();
    connections.delete(this.config);
  }
}

/**
 * Every queue and worker BullMQ makes here reports connection errors to the outage log from the
 * moment it exists (without an 'error' listener BullMQ prints each one with its stack).
 * `queueClass` / `workerClass` are @nestjs/bullmq's settings for the classes it instantiates.
 */
class ReportingQueue extends Queue {
  constructor(...args: ConstructorParameters<typeof Queue>) {
    super(...args);
    this.on('error', (err) => redisOutage.failed(err));
  }
}
class ReportingWorker extends Worker {
  constructor(...args: ConstructorParameters<typeof Worker>) {
    super(...args);
    this.on('error', (err) => redisOutage.failed(err));
  }
}
BullModule.queueClass = ReportingQueue;
BullModule.workerClass = ReportingWorker;

/**
 * Every queue the app registered, by name: for code that enqueues to queues it learns of at run
 * time (the outbox relay follows routes that domains register), instead of looking them up in the
 * module graph.
 */
export class Queues {
  constructor(private readonly byName: ReadonlyMap<QueueName, Queue>) {}

  get(name: QueueName): Queue {
    const queue = this.byName.get(name);
    if (!queue) throw new Error(`queue ${name} is not registered in this app`);
    return queue;
  }
}

/**
 * BullMQ for an app. The API registers queues as a producer (fails fast when the queue is down);
 * the worker as a consumer (reconnects). Both read the backend from configuration at start.
 */
@Module({})
export class QueueModule {
  static forRoot(role: QueueRole, queues: QueueName[] = Object.values(QueueName)): DynamicModule {
    return {
      module: QueueModule,
      global: true,
      imports: [
        ConfigModule,
        BullModule.forRootAsync({
          imports: [ConfigModule],
          inject: [queueConfig.KEY],
          useFactory: (config: QueueConfig) => {
            const { connection, redis } = bullmqConnection(config, role);
            if (redis) connections.set(config, redis);
            return { connection: connection as never, defaultJobOptions: DEFAULT_JOB_OPTIONS };
          },
        }),
        BullModule.registerQueue(...queues.map((name) => ({ name }))),
      ],
      providers: [
        ConnectionCloser,
        {
          provide: Queues,
          inject: queues.map((name) => getQueueToken(name)),
          useFactory: (...registered: Queue[]) =>
            new Queues(new Map(queues.map((name, i) => [name, registered[i]]))),
        },
      ],
      exports: [BullModule, Queues],
    };
  }
}
