import { Injectable } from '@nestjs/common';
import { QueueName } from '@causeway/queue';
import { DomainEvent } from './domain-events';
import type { OutboxRow } from './outbox.repository';

/** One job to enqueue: its id derives from the row (or what it is about), so it is enqueued once while it exists. */
export interface RouteJob {
  queue: QueueName;
  name: string;
  jobId: string;
  data: Record<string, unknown>;
}

/**
 * Where a domain's event goes instead of the events queue. The route's consumer owns the work: it
 * runs the event's handlers (if any) and completes the outbox row (`Outbox.complete`) when done.
 */
export interface OutboxRoute {
  /** The job an outbox row of this event becomes. */
  job(row: OutboxRow): RouteJob;
  /**
   * What the sweeper re-enqueues besides `job` when the row was relayed long ago and is still not
   * completed: the jobs the consumer spawned and did not finish (the fan-out's undelivered chunks).
   */
  pending?(row: OutboxRow): Promise<RouteJob[]>;
}

/** `data` with the request id of the row that caused it, when there was one. */
export const withRequestId = (
  data: Record<string, unknown>,
  requestId: string | null | undefined,
): Record<string, unknown> => (requestId ? { ...data, requestId } : data);

/** The default route: the events queue, whose processor runs the event's handlers, then completes the row. */
export function eventsJob(row: OutboxRow): RouteJob {
  return {
    queue: QueueName.Events,
    name: row.type,
    jobId: `evt-${row.id}`,
    data: withRequestId({ ...row.payload, eventId: row.id }, row.request_id),
  };
}

/**
 * Where each outbox event goes, filled by the domains that own a route (the feed registers
 * `update-posted`, the fan-out's root job) in their providers' onModuleInit; every other event
 * goes to the events queue. The relay and the sweeper read it; they know no domain.
 */
@Injectable()
export class OutboxRoutes {
  private readonly routes = new Map<string, OutboxRoute>();

  register(event: DomainEvent, route: OutboxRoute): void {
    if (this.routes.has(event)) throw new Error(`outbox route for ${event} registered twice`);
    this.routes.set(event, route);
  }

  /** The events with a route of their own. */
  routed(): DomainEvent[] {
    return [...this.routes.keys()] as DomainEvent[];
  }

  /** The job an outbox row becomes: its event's route, or the events queue. */
  routeOf(row: OutboxRow): RouteJob {
    return this.routes.get(row.type)?.job(row) ?? eventsJob(row);
  }

  /** The jobs a stale row stands for: its own, then what its route left unfinished. */
  async sweepJobsOf(row: OutboxRow): Promise<RouteJob[]> {
    const route = this.routes.get(row.type);
    return [this.routeOf(row), ...((await route?.pending?.(row)) ?? [])];
  }
}
