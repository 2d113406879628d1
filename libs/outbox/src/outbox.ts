import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { uuidv7 } from '@causeway/common';
import { currentRequestId } from '@causeway/observability';
import { DomainEvent, DomainEventData } from './domain-events';

/** The channel the relay LISTENs on; NOTIFY is delivered when the writing transaction commits. */
export const OUTBOX_CHANNEL = 'causeway_outbox';

/** Writes domain events inside the caller's transaction: they exist if and only if the change does. */
@Injectable()
export class Outbox {
  async add<E extends DomainEvent>(
    em: EntityManager,
    type: E,
    data: DomainEventData[E],
  ): Promise<string> {
    const id = uuidv7();
    await em.query(
      'INSERT INTO outbox_events (id, type, payload, request_id) VALUES ($1, $2, $3, $4)',
      [id, type, data, currentRequestId() ?? null],
    );
    await em.query(`SELECT pg_notify('${OUTBOX_CHANNEL}', '')`);
    return id;
  }

  /** Marks the event done inside the caller's transaction, so the sweeper leaves it alone. */
  async complete(em: EntityManager, eventId: string): Promise<void> {
    await em.query(
      'UPDATE outbox_events SET completed_at = now() WHERE id = $1 AND completed_at IS NULL',
      [eventId],
    );
  }
}
