import type { DataSource } from 'typeorm';
import { DomainEvent, OutboxRoutes } from '@causeway/outbox';
import { FeedJob, QueueName } from '@causeway/queue';
import { chunkJob, FeedOutboxRoutes, fanOutJob } from './feed-outbox-routes';

describe(FeedOutboxRoutes.name, () => {
  const row = {
    id: 'evt-1',
    type: DomainEvent.UpdatePosted,
    payload: { updateId: 'u1' },
    request_id: 'req-9',
  };
  let routes: OutboxRoutes;
  let asked: unknown[][];
  beforeEach(() => {
    routes = new OutboxRoutes();
    asked = [];
    const db = {
      query: (_sql: string, params: unknown[]) => {
        asked.push(params);
        return Promise.resolve([{ seq: 1 }, { seq: 3 }]);
      },
    } as unknown as DataSource;
    new FeedOutboxRoutes(routes, db).onModuleInit();
  });

  it("routes update-posted to the fan-out's root job, one per update", () => {
    expect(routes.routeOf(row)).toEqual({
      queue: QueueName.Feed,
      name: FeedJob.FanOutUpdate,
      jobId: 'fan-out-u1',
      data: { updateId: 'u1', eventId: 'evt-1', requestId: 'req-9' },
    });
    expect(routes.routeOf(row)).toEqual(fanOutJob('u1', 'evt-1', 'req-9'));
  });

  it('repairs a stalled fan-out: the root job again, then each chunk not yet delivered', async () => {
    expect(await routes.sweepJobsOf(row)).toEqual([
      fanOutJob('u1', 'evt-1', 'req-9'),
      chunkJob('u1', 'evt-1', 1, 'req-9'),
      chunkJob('u1', 'evt-1', 3, 'req-9'),
    ]);
    expect(asked).toEqual([['u1']]);
  });

  it('names chunk jobs by update and chunk (no colon: BullMQ rejects it in custom ids)', () => {
    expect(chunkJob('u1', 'evt-1', 7)).toEqual({
      queue: QueueName.Feed,
      name: FeedJob.FanOutChunk,
      jobId: 'fan-out-u1-7',
      data: { updateId: 'u1', eventId: 'evt-1', seq: 7 },
    });
  });
});
