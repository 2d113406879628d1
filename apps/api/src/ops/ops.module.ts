import { Module } from '@nestjs/common';
import { AccountsModule } from '@causeway/accounts';
import { ConfigModule } from '@causeway/config';
import { ObservabilityModule } from '@causeway/observability';
import { AdminQueues } from './admin-queues';
import { HealthController } from './health.controller';
import { MetricsController } from './metrics.controller';

/** What operators use: /health, /health/ready, /metrics and the queue dashboard at /admin/queues. */
@Module({
  imports: [ObservabilityModule.forApp('api'), AccountsModule, ConfigModule],
  controllers: [HealthController, MetricsController],
  providers: [AdminQueues],
})
export class OpsModule {}
