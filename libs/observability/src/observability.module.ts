import { Inject, Injectable, Module, OnApplicationBootstrap } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { EventBusModule, QueueName } from '@causeway/queue';
import { observePool, observeQueue } from './metrics';
import { ReadinessService } from './readiness';

export const OBSERVED_APP = Symbol('OBSERVED_APP');

/** Registers this app's database pool and queues with the metrics read at scrape time. */
@Injectable()
class MetricSources implements OnApplicationBootstrap {
  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly dataSource: DataSource,
    @Inject(OBSERVED_APP) private readonly app: string,
  ) {}
  onApplicationBootstrap(): void {
    observePool(this.app, () =>
      this.dataSource.isInitialized
        ? ((this.dataSource.driver as unknown as { master?: Pool }).master ?? undefined)
        : undefined,
    );
    for (const name of Object.values(QueueName)) {
      try {
        observeQueue(this.moduleRef.get<Queue>(getQueueToken(name), { strict: false }));
      } catch {
        /* not registered in this app */
      }
    }
  }
}

/** Readiness checks and metric sources for an app (the API or the worker). */
@Module({})
export class ObservabilityModule {
  static forApp(app: string) {
    return {
      module: ObservabilityModule,
      imports: [EventBusModule],
      providers: [{ provide: OBSERVED_APP, useValue: app }, MetricSources, ReadinessService],
      exports: [ReadinessService],
    };
  }
}
