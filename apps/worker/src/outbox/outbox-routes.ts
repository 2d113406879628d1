import { DomainEvent } from '@causeway/outbox';
import { FanOutChunkData, FeedJob, QueueName } from '@causeway/queue';

export interface OutboxRow {
  id: string;
  type: string;
  payload: Record<string, unknown>;
}

export interface Route {
  queue: QueueName;
  name: string;
  jobId: string;
  data: Record<string, unknown>;
}

/**
 * Where each outbox event goes. Job ids are derived from the row (or the thing it is about), so
 * relaying or sweeping the same row twice enqueues it once while the job exists.
 */
export function routeOf(row: OutboxRow): Route {
  if (row.type === DomainEvent.UpdatePosted) {
    const updateId = String(row.payload.updateId);
    return { queue: QueueName.Feed, name: FeedJob.FanOutUpdate, jobId: `fan-out-${updateId}`, data: { updateId, eventId: row.id } };
  }
  return { queue: QueueName.Events, name: row.type, jobId: `evt-${row.id}`, data: { ...row.payload, eventId: row.id } };
}

/** One chunk of an update's fan-out, as a job (its id derives from the update and the chunk). */
export function chunkRoute(updateId: string, eventId: string, seq: number): Route {
  return { queue: QueueName.Feed, name: FeedJob.FanOutChunk, jobId: `fan-out-${updateId}-${seq}`, data: { updateId, eventId, seq } satisfies FanOutChunkData };
}
