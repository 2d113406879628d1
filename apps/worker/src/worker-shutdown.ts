import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { WorkerHost } from '@nestjs/bullmq';

/**
 * Graceful shutdown: every BullMQ worker stops taking jobs and finishes the ones it holds before
 * any pool or connection closes (those close later, in onApplicationShutdown).
 */
@Injectable()
export class WorkerShutdown implements BeforeApplicationShutdown {
  private readonly logger = new Logger('Worker');
  constructor(private readonly discovery: DiscoveryService) {}

  private hosts(): WorkerHost[] {
    return this.discovery
      .getProviders()
      .map((w) => w.instance as unknown)
      .filter((i): i is WorkerHost => i instanceof WorkerHost);
  }

  async beforeApplicationShutdown(signal?: string): Promise<void> {
    const hosts = this.hosts();
    this.logger.log(`stopping ${hosts.length} queue worker(s)${signal ? ` on ${signal}` : ''}`);
    await Promise.all(hosts.map((h) => h.worker?.close()));
  }
}
