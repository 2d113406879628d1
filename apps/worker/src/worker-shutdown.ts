import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { WorkerHost } from '@nestjs/bullmq';
import { redisOutage } from '@causeway/queue';

/**
 * Graceful shutdown: every BullMQ worker stops taking jobs and finishes the ones it holds before
 * any pool or connection closes (those close later, in onApplicationShutdown).
 */
@Injectable()
export class WorkerShutdown implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Worker');
  constructor(private readonly discovery: DiscoveryService) {}

  private hosts(): WorkerHost[] {
    return this.discovery
      .getProviders()
      .map((w) => w.instance as unknown)
      .filter((i): i is WorkerHost => i instanceof WorkerHost);
  }

  /** Connection errors go to the outage log (without a listener BullMQ prints every one). */
  onApplicationBootstrap(): void {
    for (const h of this.hosts()) h.worker?.on('error', (err) => redisOutage.failed(err));
  }

  async beforeApplicationShutdown(signal?: string): Promise<void> {
    const hosts = this.hosts();
    this.logger.log(`stopping ${hosts.length} queue worker(s)${signal ? ` on ${signal}` : ''}`);
    await Promise.all(hosts.map((h) => h.worker?.close()));
  }
}
