import { createHash, timingSafeEqual } from 'node:crypto';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Queue } from 'bullmq';
import type { Pool } from 'pg';

/**
 * The process's Prometheus metrics (prom-client), one registry per process: the API and the worker
 * each serve theirs on GET /metrics (tests run both in one process and see both).
 */
export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: 'causeway_' });

const within = <T>(ms: number, p: Promise<T>) =>
  Promise.race([
    p,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref()),
  ]);

export const graphqlOperations = new Counter({
  name: 'causeway_graphql_operations_total',
  help: 'GraphQL operations by operation name, type and outcome (ok or error).',
  labelNames: ['operation', 'type', 'outcome'] as const,
  registers: [registry],
});

export const graphqlDuration = new Histogram({
  name: 'causeway_graphql_operation_duration_seconds',
  help: 'Time from receiving a GraphQL operation to sending its response.',
  labelNames: ['operation', 'type', 'outcome'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});

export const fanOutLag = new Histogram({
  name: 'causeway_fanout_delivery_lag_seconds',
  help: "An update's delivery lag: from its commit to the last follower's feed entry.",
  buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300],
  registers: [registry],
});

export const pledgeEvents = new Counter({
  name: 'causeway_pledges_total',
  help: 'Pledge changes made through this API process, by event (pledged, cancelled, fulfilled).',
  labelNames: ['event'] as const,
  registers: [registry],
});

export const activeSubscriptions = new Gauge({
  name: 'causeway_graphql_subscriptions_active',
  help: 'GraphQL subscriptions open on this API process, by subscription field.',
  labelNames: ['subscription'] as const,
  registers: [registry],
});

export const jobsProcessed = new Counter({
  name: 'causeway_jobs_processed_total',
  help: 'Jobs this worker ran, by queue, job name and outcome.',
  labelNames: ['queue', 'name', 'outcome'] as const,
  registers: [registry],
});

/** Sources read at scrape time (registered by the apps). */
const pools = new Map<string, () => Pool | undefined>();
const queues = new Map<string, Queue>();

/** The database pool of an app (`app` label), read at each scrape. */
export function observePool(app: string, pool: () => Pool | undefined): void {
  pools.set(app, pool);
}
/** A queue whose depth and oldest waiting job are read at each scrape. */
export function observeQueue(queue: Queue): void {
  queues.set(queue.name, queue);
}
new Gauge({
  name: 'causeway_db_pool_connections',
  help: 'Database pool connections by app and state (in_use, idle, waiting = requests waiting for one).',
  labelNames: ['app', 'state'] as const,
  registers: [registry],
  collect() {
    this.reset();
    for (const [app, get] of pools) {
      const pool = get();
      if (!pool) continue;
      this.set({ app, state: 'in_use' }, pool.totalCount - pool.idleCount);
      this.set({ app, state: 'idle' }, pool.idleCount);
      this.set({ app, state: 'waiting' }, pool.waitingCount);
    }
  },
});

const QUEUE_STATES = ['waiting', 'prioritized', 'active', 'delayed', 'failed'] as const;
let queueSnapshot:
  Promise<Map<string, { counts: Record<string, number>; oldestWaitingAge: number }>> | undefined;

/** One read of every queue per scrape (both gauges share it); a queue that does not answer in 1 s is left out. */
function snapshotQueues() {
  queueSnapshot ??= (async () => {
    const out = new Map<string, { counts: Record<string, number>; oldestWaitingAge: number }>();
    await Promise.all(
      [...queues.values()].map(async (q) => {
        try {
          const counts = await within(1000, q.getJobCounts(...QUEUE_STATES));
          const [oldest] = await within(1000, q.getJobs(['waiting', 'prioritized'], 0, 0, true));
          out.set(q.name, {
            counts,
            oldestWaitingAge: oldest ? Math.max(0, (Date.now() - oldest.timestamp) / 1000) : 0,
          });
        } catch {
          /* the queue's backend is unreachable: /health/ready says so */
        }
      }),
    );
    return out;
  })().finally(() => setTimeout(() => (queueSnapshot = undefined), 0));
  return queueSnapshot;
}

new Gauge({
  name: 'causeway_queue_jobs',
  help: 'Jobs per queue and state (waiting, prioritized, active, delayed, failed).',
  labelNames: ['queue', 'state'] as const,
  registers: [registry],
  async collect() {
    this.reset();
    for (const [queue, { counts }] of await snapshotQueues()) {
      for (const state of QUEUE_STATES) this.set({ queue, state }, counts[state] ?? 0);
    }
  },
});

new Gauge({
  name: 'causeway_queue_oldest_waiting_job_age_seconds',
  help: 'Age of the oldest job waiting in each queue (0 when none waits).',
  labelNames: ['queue'] as const,
  registers: [registry],
  async collect() {
    this.reset();
    for (const [queue, { oldestWaitingAge }] of await snapshotQueues())
      this.set({ queue }, oldestWaitingAge);
  },
});

/** Operation names become label values only when they look like names, and at most 200 distinct ones. */
const seenNames = new Set<string>();
export function operationLabel(name: string | null | undefined): string {
  if (!name) return 'anonymous';
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name)) return 'other';
  if (!seenNames.has(name)) {
    if (seenNames.size >= 200) return 'other';
    seenNames.add(name);
  }
  return name;
}

/** The text a scrape answers with. */
export async function metricsText(): Promise<{ contentType: string; body: string }> {
  return { contentType: registry.contentType, body: await registry.metrics() };
}

/** True when the request may read /metrics: no METRICS_TOKEN, or `Authorization: Bearer <METRICS_TOKEN>`. */
export function metricsAllowed(authorization: unknown, token: string | undefined): boolean {
  if (!token) return true;
  if (typeof authorization !== 'string') return false;
  const m = /^bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!m) return false;
  const h = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(h(m[1]), h(token));
}

/** Counts a subscription in causeway_graphql_subscriptions_active while its iterator is open. */
export function trackSubscription<T>(
  name: string,
  iterator: AsyncIterableIterator<T>,
): AsyncIterableIterator<T> {
  activeSubscriptions.inc({ subscription: name });
  let open = true;
  const closed = () => {
    if (open) {
      open = false;
      activeSubscriptions.dec({ subscription: name });
    }
  };
  return {
    async next() {
      const r = await iterator.next();
      if (r.done) closed();
      return r;
    },
    async return(value?: unknown) {
      closed();
      return iterator.return ? iterator.return(value) : { value: undefined, done: true };
    },
    async throw(err?: unknown) {
      closed();
      if (iterator.throw) return iterator.throw(err);
      throw err;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
