import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { uuidv7 } from '@causeway/common';
import { DomainEvent, DomainEventData } from './domain-events';

/** The channel the relay LISTENs on; NOTIFY is delivered when the writing transaction commits. */
export const OUTBOX_CHANNEL = 'causeway_outbox';

/** Writes domain events inside the caller's transaction: they exist if and only if the change does. */
@Injectable()
export class Outbox {
  async add<E extends DomainEvent>(em: EntityManager, type: E, data: DomainEventData[E]): Promise<string> {
    const id = uuidv7();
    await em.query('INSERT INTO outbox_events (id, type, payload) VALUES ($1, $2, $3)', [id, type, data]);
    await em.query(`SELECT pg_notify('${OUTBOX_CHANNEL}', '')`);
    return id;
  }
}
