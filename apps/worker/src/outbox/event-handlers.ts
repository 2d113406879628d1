import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DomainEvent, DomainEventData } from '@causeway/outbox';

export type EventHandler<E extends DomainEvent> = (
  data: DomainEventData[E],
  eventId: string,
) => Promise<void>;

/**
 * Who reacts to each domain event in the worker. Domain processors register in onModuleInit; the
 * events processor runs every handler of the event, then marks the outbox row completed. Handlers
 * must be idempotent: a retried job runs all of them again.
 */
@Injectable()
export class EventHandlers {
  private readonly handlers = new Map<DomainEvent, EventHandler<DomainEvent>[]>();

  on<E extends DomainEvent>(type: E, handler: EventHandler<E>): void {
    this.handlers.set(type, [
      ...(this.handlers.get(type) ?? []),
      handler as unknown as EventHandler<DomainEvent>,
    ]);
  }

  async run<E extends DomainEvent>(
    type: E,
    data: DomainEventData[E],
    eventId: string,
  ): Promise<void> {
    for (const handler of this.handlers.get(type) ?? []) await handler(data, eventId);
  }
}

/** Marks an outbox row done, so the sweeper leaves it alone. */
export async function completeOutboxEvent(em: EntityManager, eventId: string): Promise<void> {
  await em.query(
    'UPDATE outbox_events SET completed_at = now() WHERE id = $1 AND completed_at IS NULL',
    [eventId],
  );
}
