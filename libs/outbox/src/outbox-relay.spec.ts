import type { DatabaseConfig, QueueConfig } from '@causeway/config';
import type { Queues } from '@causeway/queue';
import type { DataSource } from 'typeorm';
import { DomainEvent } from './domain-events';
import { EventHandlers } from './event-handlers';
import type { Outbox } from './outbox';
import { OutboxRelay } from './outbox-relay';
import { OutboxRepository } from './outbox.repository';
import { OutboxRoutes } from './outbox-routes';

describe(`${OutboxRelay.name} at start`, () => {
  it('refuses to start, naming them, while a domain event has neither a route nor a handler', async () => {
    const routes = new OutboxRoutes();
    const handlers = new EventHandlers({} as Outbox, {} as DataSource);
    routes.register(DomainEvent.UpdatePosted, {
      job: () => ({ queue: 'feed' as never, name: 'x', jobId: 'x', data: {} }),
    });
    for (const event of Object.values(DomainEvent)) {
      if (
        event !== DomainEvent.UpdatePosted &&
        event !== DomainEvent.PledgeCancelled &&
        event !== DomainEvent.WebhookPinged
      )
        handlers.on(event, () => Promise.resolve());
    }
    const sut = new OutboxRelay(
      {} as DataSource,
      new OutboxRepository(),
      routes,
      handlers,
      {} as Queues,
      {} as DatabaseConfig,
      {} as QueueConfig,
    );
    await expect(sut.onApplicationBootstrap()).rejects.toThrow(
      'domain events with neither an outbox route nor a handler: pledge-cancelled, webhook-pinged',
    );
  });
});
