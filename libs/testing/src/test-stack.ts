import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { DataSource } from 'typeorm';
import { resetEnvironmentCache } from '@causeway/config';
import { QueueName } from '@causeway/queue';
import { SeedCauses1795400000001 } from '../../database/src/migrations/1795400000001-SeedCauses';
import { createApiApp } from '../../../apps/api/src/bootstrap';
import { createWorkerApp } from '../../../apps/worker/src/bootstrap';
import { drainQueues, eventually } from './drain';
import { ParsedJson, GqlResult, gqlRequest } from './graphql-client';

export interface TestStack {
  url: string;
  api: INestApplication;
  worker?: INestApplicationContext;
  dataSource: DataSource;
  gql<T = ParsedJson>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
  ): Promise<GqlResult<T>>;
  queue(name: QueueName): Queue;
  /** Waits until every outbox event is handled and every queue is empty (needs a worker). */
  drain(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** Empties every table of the app (not the migrations), seeds the cause taxonomy again and empties this worker's Redis db. */
export async function resetState(dataSource: DataSource): Promise<void> {
  const tables: { name: string }[] = await dataSource.query(
    `SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migrations'`,
  );
  if (tables.length > 0)
    await dataSource.query(`TRUNCATE ${tables.map((t) => t.name).join(', ')} CASCADE`);
  const runner = dataSource.createQueryRunner();
  try {
    await new SeedCauses1795400000001().up(runner);
  } finally {
    await runner.release();
  }
  if (process.env.REDIS_URL) {
    const redis = new IORedis(process.env.REDIS_URL, { maxRetriesPerRequest: 1 });
    try {
      await redis.flushdb();
    } finally {
      redis.disconnect();
    }
  }
}

/**
 * Boots the API (listening on a free port) and, unless `worker: false`, the worker, in this
 * process, against this jest worker's database and Redis, with clean state.
 */
export async function startTestStack({
  worker = true,
}: { worker?: boolean } = {}): Promise<TestStack> {
  resetEnvironmentCache();
  const api = await createApiApp();
  await api.listen(0, '127.0.0.1');
  const dataSource = api.get(DataSource);
  await resetState(dataSource);
  const address = api.getHttpServer().address() as { port: number };
  const url = `http://127.0.0.1:${address.port}`;
  const workerApp = worker ? await createWorkerApp() : undefined;
  const queue = (name: QueueName) => api.get<Queue>(getQueueToken(name), { strict: false });
  return {
    url,
    api,
    worker: workerApp,
    dataSource,
    gql: (query, variables, token) => gqlRequest(url, query, variables, token),
    queue,
    drain: async (timeoutMs = 20_000) => {
      await eventually(
        async () =>
          (await dataSource.query('SELECT 1 FROM outbox_events WHERE completed_at IS NULL LIMIT 1'))
            .length === 0,
        timeoutMs,
        'every outbox event handled',
      );
      await drainQueues(Object.values(QueueName).map(queue), timeoutMs);
    },
    async close() {
      await workerApp?.close();
      await api.close();
    },
  };
}
