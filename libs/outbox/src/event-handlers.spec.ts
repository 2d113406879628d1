import type { DataSource, EntityManager } from 'typeorm';
import { DomainEvent } from './domain-events';
import { EventHandlers, unhandledEvents } from './event-handlers';
import type { Outbox } from './outbox';

describe(unhandledEvents.name, () => {
  const all = Object.values(DomainEvent);

  it('is empty when every domain event has a route or a handler', () => {
    expect(
      unhandledEvents(
        [DomainEvent.UpdatePosted],
        all.filter((e) => e !== DomainEvent.UpdatePosted),
      ),
    ).toEqual([]);
  });

  it('names each event that has neither', () => {
    expect(
      unhandledEvents(
        [DomainEvent.UpdatePosted],
        all.filter((e) => e !== DomainEvent.UpdatePosted && e !== DomainEvent.PledgeCancelled),
      ),
    ).toEqual([DomainEvent.PledgeCancelled]);
    expect(unhandledEvents([], [])).toEqual(all);
  });
});

const record = (log: string[], entry: string): Promise<void> => {
  log.push(entry);
  return Promise.resolve();
};

describe(EventHandlers.name, () => {
  const manager = {} as EntityManager;
  let completed: string[];
  let sut: EventHandlers;
  beforeEach(() => {
    completed = [];
    const outbox = {
      complete: (em: EntityManager, id: string) => {
        expect(em).toBe(manager);
        completed.push(id);
        return Promise.resolve();
      },
    } as unknown as Outbox;
    sut = new EventHandlers(outbox, { manager } as DataSource);
  });

  it('runs every handler of the event in order, then completes the outbox row', async () => {
    const ran: string[] = [];
    sut.on(DomainEvent.UpdateReacted, ({ updateId }) => record(ran, `a:${updateId}`));
    sut.on(DomainEvent.UpdateReacted, (_data, eventId) => record(ran, `b:${eventId}`));
    await sut.handle(DomainEvent.UpdateReacted, { updateId: 'u', actorId: 'x' }, 'e1');
    expect(ran).toEqual(['a:u', 'b:e1']);
    expect(completed).toEqual(['e1']);
    expect(sut.handled()).toEqual([DomainEvent.UpdateReacted]);
  });

  it('leaves the row open when a handler fails (the job is retried)', async () => {
    sut.on(DomainEvent.DigestsDue, () => Promise.reject(new Error('smtp down')));
    await expect(sut.handle(DomainEvent.DigestsDue, { periodEnd: 'p' }, 'e2')).rejects.toThrow(
      'smtp down',
    );
    expect(completed).toEqual([]);
  });

  it('never completes an event nobody handles', async () => {
    await expect(sut.handle(DomainEvent.WebhookPinged, { deliveryId: 'd' }, 'e3')).rejects.toThrow(
      /no handler for domain event webhook-pinged/,
    );
    expect(completed).toEqual([]);
  });

  it('runs handlers without completing for a consumer that completes the row itself (the fan-out)', async () => {
    const ran: string[] = [];
    sut.on(DomainEvent.UpdatePosted, ({ updateId }) => record(ran, updateId));
    await sut.run(DomainEvent.UpdatePosted, { updateId: 'u' }, 'e4');
    await sut.run(
      DomainEvent.Unfollowed,
      { followerId: 'f', sourceKind: 'USER', sourceId: 's' },
      'e5',
    );
    expect(ran).toEqual(['u']);
    expect(completed).toEqual([]);
  });
});
