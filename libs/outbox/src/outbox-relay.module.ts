import { Module } from '@nestjs/common';
import { ConfigModule } from '@causeway/config';
import { OutboxModule } from './outbox.module';
import { OutboxRelay } from './outbox-relay';
import { OutboxRepository } from './outbox.repository';

/**
 * The relay and the sweeper, for the worker only. Its queues come from the app's
 * `QueueModule.forRoot` (the `Queues` provider).
 */
@Module({
  imports: [ConfigModule, OutboxModule],
  providers: [OutboxRelay, OutboxRepository],
  exports: [OutboxRelay],
})
export class OutboxRelayModule {}
