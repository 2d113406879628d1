import { QueueName } from '@causeway/queue';
import { DomainEvent } from './domain-events';
import type { OutboxRow } from './outbox.repository';
import { OutboxRoutes, RouteJob } from './outbox-routes';

const row = (type: string, payload: Record<string, unknown>, requestId?: string): OutboxRow => ({
  id: '0190a0b0-0000-7000-8000-000000000001',
  type,
  payload,
  request_id: requestId ?? null,
});

const elsewhere = (r: OutboxRow): RouteJob => ({
  queue: QueueName.Feed,
  name: 'somewhere-else',
  jobId: `else-${String(r.payload.updateId)}`,
  data: { updateId: r.payload.updateId },
});

describe(OutboxRoutes.name, () => {
  let sut: OutboxRoutes;
  beforeEach(() => {
    sut = new OutboxRoutes();
  });

  describe('routeOf', () => {
    it('sends an event without a route of its own to the events queue, named after the event, with an id from the row', () => {
      const r = row(DomainEvent.Followed, { followerId: 'f', sourceKind: 'USER', sourceId: 's' });
      expect(sut.routeOf(r)).toEqual({
        queue: QueueName.Events,
        name: 'followed',
        jobId: `evt-${r.id}`,
        data: { followerId: 'f', sourceKind: 'USER', sourceId: 's', eventId: r.id },
      });
    });

    it("carries the writing request's id into the job's data, and only when there was one", () => {
      expect(sut.routeOf(row(DomainEvent.DigestsDue, {}, 'req-1')).data.requestId).toBe('req-1');
      expect(sut.routeOf(row(DomainEvent.DigestsDue, {})).data).not.toHaveProperty('requestId');
    });

    it('follows the route a domain registered for its event, and only for that event', () => {
      sut.register(DomainEvent.UpdatePosted, { job: elsewhere });
      expect(sut.routeOf(row(DomainEvent.UpdatePosted, { updateId: 'u1' }))).toEqual({
        queue: QueueName.Feed,
        name: 'somewhere-else',
        jobId: 'else-u1',
        data: { updateId: 'u1' },
      });
      expect(sut.routeOf(row(DomainEvent.UpdateReacted, { updateId: 'u1' })).queue).toBe(
        QueueName.Events,
      );
      expect(sut.routed()).toEqual([DomainEvent.UpdatePosted]);
    });

    it('sends a type this worker does not know to the events queue (whose processor refuses it)', () => {
      expect(sut.routeOf(row('from-a-newer-deploy', {})).queue).toBe(QueueName.Events);
    });

    it('refuses a second route for one event', () => {
      sut.register(DomainEvent.UpdatePosted, { job: elsewhere });
      expect(() => sut.register(DomainEvent.UpdatePosted, { job: elsewhere })).toThrow(
        /update-posted registered twice/,
      );
    });
  });

  describe('sweepJobsOf', () => {
    it("re-enqueues the row's own job, then what its route left pending", async () => {
      const chunk: RouteJob = { queue: QueueName.Feed, name: 'chunk', jobId: 'c-0', data: {} };
      sut.register(DomainEvent.UpdatePosted, {
        job: elsewhere,
        pending: () => Promise.resolve([chunk]),
      });
      const r = row(DomainEvent.UpdatePosted, { updateId: 'u1' });
      expect(await sut.sweepJobsOf(r)).toEqual([elsewhere(r), chunk]);
    });

    it('is the job alone for events routed to the events queue', async () => {
      const r = row(DomainEvent.PledgeReceived, { pledgeId: 'p' });
      expect(await sut.sweepJobsOf(r)).toEqual([sut.routeOf(r)]);
    });
  });
});
