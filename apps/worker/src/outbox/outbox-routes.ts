import { DomainEvent } from '@causeway/outbox';
import { FanOutChunkData, FeedJob, QueueName } from '@causeway/queue';

export interface OutboxRow {
  id: string;
  type: string;
  payload: Record<string, unknown>;
  /** The request that wrote the row: every job made from it carries it as data.requestId. */
  request_id?: string | null;
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
    return {
      queue: QueueName.Feed,
      name: FeedJob.FanOutUpdate,
      jobId: `fan-out-${updateId}`,
      data: withRequestId({ updateId, eventId: row.id }, row.request_id),
    };
  }
  return {
    queue: QueueName.Events,
    name: row.type,
    jobId: `evt-${row.id}`,
    data: withRequestId({ ...row.payload, eventId: row.id }, row.request_id),
  };
}

const withRequestId = (data: Record<string, unknown>, requestId: string | null | undefined) =>
  requestId ? { ...data, requestId } : data;

/** One chunk of an update's fan-out, as a job (its id derives from the update and the chunk). */
export function chunkRoute(
  updateId: string,
  eventId: string,
  seq: number,
  requestId?: string | null,
): Route {
  return {
    queue: QueueName.Feed,
    name: FeedJob.FanOutChunk,
    jobId: `fan-out-${updateId}-${seq}`,
    data: withRequestId({ updateId, eventId, seq } satisfies FanOutChunkData, requestId),
  };
}
