import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainEvent, DomainEventData } from './domain-events';
import { Outbox } from './outbox';

export type EventHandler<E extends DomainEvent> = (
  data: DomainEventData[E],
  eventId: string,
) => Promise<void>;

/**
 * Who reacts to each domain event in the worker. Domain processors register in onModuleInit.
 * Handlers must be idempotent: a retried job runs all of them again.
 */
@Injectable()
export class EventHandlers {
  private readonly handlers = new Map<string, EventHandler<DomainEvent>[]>();

  constructor(
    private readonly outbox: Outbox,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  on<E extends DomainEvent>(type: E, handler: EventHandler<E>): void {
    this.handlers.set(type, [
      ...(this.handlers.get(type) ?? []),
      handler as unknown as EventHandler<DomainEvent>,
    ]);
  }

  /** The events with at least one handler. */
  handled(): DomainEvent[] {
    return [...this.handlers.keys()] as DomainEvent[];
  }

  /** Runs every handler of the event (none: nothing), for a consumer that completes the row itself. */
  async run<E extends DomainEvent>(
    type: E,
    data: DomainEventData[E],
    eventId: string,
  ): Promise<void> {
    for (const handler of this.handlers.get(type) ?? []) await handler(data, eventId);
  }

  /**
   * An event relayed to the events queue: runs its handlers, then completes its outbox row. An
   * event nobody handles throws (the row stays open and the sweeper retries it) rather than
   * being marked done with its work never done.
   */
  async handle<E extends DomainEvent>(
    type: E,
    data: DomainEventData[E],
    eventId: string,
  ): Promise<void> {
    if (!this.handlers.get(type)?.length) {
      throw new Error(`no handler for domain event ${type}: outbox row ${eventId} left open`);
    }
    await this.run(type, data, eventId);
    await this.outbox.complete(this.db.manager, eventId);
  }
}

/** The domain events that have neither a route of their own nor a handler (their work would never happen). */
export function unhandledEvents(
  routed: readonly DomainEvent[],
  handled: readonly DomainEvent[],
): DomainEvent[] {
  const covered = new Set<string>([...routed, ...handled]);
  return Object.values(DomainEvent).filter((event) => !covered.has(event));
}
