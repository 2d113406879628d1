import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainEvent, OutboxRoutes, OutboxRow, RouteJob, withRequestId } from '@causeway/outbox';
import { FanOutChunkData, FanOutUpdateData, FeedJob, QueueName } from '@causeway/queue';

/** The fan-out's root job for an update: it plans the chunks, runs the event's handlers and, once every chunk is delivered, completes the outbox row. */
export function fanOutJob(updateId: string, eventId: string, requestId?: string | null): RouteJob {
  return {
    queue: QueueName.Feed,
    name: FeedJob.FanOutUpdate,
    jobId: `fan-out-${updateId}`,
    data: withRequestId({ updateId, eventId } satisfies FanOutUpdateData, requestId),
  };
}

/** One chunk of an update's fan-out, as a job (its id derives from the update and the chunk). */
export function chunkJob(
  updateId: string,
  eventId: string,
  seq: number,
  requestId?: string | null,
): RouteJob {
  return {
    queue: QueueName.Feed,
    name: FeedJob.FanOutChunk,
    jobId: `fan-out-${updateId}-${seq}`,
    data: withRequestId({ updateId, eventId, seq } satisfies FanOutChunkData, requestId),
  };
}

/**
 * The feed's outbox route: `update-posted` becomes the fan-out's root job on the feed queue, and
 * the sweeper's repair of a stalled fan-out also re-enqueues every chunk not yet delivered.
 */
@Injectable()
export class FeedOutboxRoutes implements OnModuleInit {
  constructor(
    private readonly routes: OutboxRoutes,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  onModuleInit(): void {
    this.routes.register(DomainEvent.UpdatePosted, {
      job: (row) => fanOutJob(String(row.payload.updateId), row.id, row.request_id),
      pending: (row) => this.pendingChunks(row),
    });
  }

  private async pendingChunks(row: OutboxRow): Promise<RouteJob[]> {
    const updateId = String(row.payload.updateId);
    // The fan-out's chunk ledger is the feed's own table; this read stays beside the route that needs it.
    const pending: { seq: number }[] = await this.db.query(
      'SELECT seq FROM fanout_chunks WHERE update_id = $1 AND done_at IS NULL ORDER BY seq',
      [updateId],
    );
    return pending.map((c) => chunkJob(updateId, row.id, c.seq, row.request_id));
  }
}
