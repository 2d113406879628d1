import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EventHandlers } from './event-handlers';
import { OutboxEventEntity } from './outbox-event.entity';
import { Outbox } from './outbox';
import { OutboxRepository } from './outbox.repository';
import { OutboxRoutes } from './outbox-routes';

/**
 * Writing and completing domain events, and the two registries the domains fill: routes (where an
 * event goes when it is not the events queue) and handlers (who reacts to it in the worker).
 */
@Module({
  imports: [TypeOrmModule.forFeature([OutboxEventEntity])],
  providers: [Outbox, OutboxRepository, OutboxRoutes, EventHandlers],
  exports: [Outbox, OutboxRoutes, EventHandlers],
})
export class OutboxModule {}
