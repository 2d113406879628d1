import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { uuidv7 } from '@causeway/common';
import { currentRequestId } from '@causeway/observability';
import { DomainEvent, DomainEventData } from './domain-events';
import { OutboxRepository } from './outbox.repository';

export { OUTBOX_CHANNEL } from './outbox.repository';

/**
 * Writes domain events inside the caller's transaction (they exist if and only if the change
 * does), and completes them for the consumer that finishes an event's work.
 */
@Injectable()
export class Outbox {
  // The default lets code outside Nest's container (the CLI) write events too.
  constructor(private readonly rows: OutboxRepository = new OutboxRepository()) {}

  async add<E extends DomainEvent>(
    em: EntityManager,
    type: E,
    data: DomainEventData[E],
  ): Promise<string> {
    const id = uuidv7();
    await this.rows.insert(em, { id, type, payload: data, requestId: currentRequestId() ?? null });
    return id;
  }

  /** In the transaction that finishes the event's work, so the row is done exactly when the work is. */
  complete(em: EntityManager, eventId: string): Promise<void> {
    return this.rows.complete(em, eventId);
  }
}
