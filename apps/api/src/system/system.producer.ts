import { Injectable } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import {
  isRedisConnectionError,
  PingData,
  QueueName,
  redisUnavailable,
  SystemJob,
} from '@causeway/queue';

/** Enqueues the wiring probe: the worker answers on the event bus (topic system.pong). */
@Injectable()
export class SystemProducer {
  constructor(@InjectQueue(QueueName.System) private readonly queue: Queue<PingData>) {}

  async ping(pingId: string): Promise<void> {
    // A write that needs the queue now: SERVICE_UNAVAILABLE (retryAfterSeconds) while Redis is down.
    await this.queue
      .add(SystemJob.Ping, { pingId }, { jobId: `ping-${pingId}` })
      .catch((err: unknown) => {
        throw isRedisConnectionError(err) ? redisUnavailable() : err;
      });
  }
}
