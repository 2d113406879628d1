import { Injectable } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { PingData, QueueName, SystemJob } from '@causeway/queue';

/** Enqueues the wiring probe: the worker answers on the event bus (topic system.pong). */
@Injectable()
export class SystemProducer {
  constructor(@InjectQueue(QueueName.System) private readonly queue: Queue<PingData>) {}

  async ping(pingId: string): Promise<void> {
    await this.queue.add(SystemJob.Ping, { pingId }, { jobId: `ping-${pingId}` });
  }
}
