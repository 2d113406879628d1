// Once after `npm test`: leaves nothing behind on shared servers (drops this run's databases and
// empties its Redis db indexes), stops the embedded PostgreSQL, and scans every log line the run
// wrote for secrets (test/log-guard.ts does it per test file; this catches anything else).
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import IORedis from 'ioredis';
import pg from 'pg';
import { root } from '../scripts/build-if-needed.mjs';
import logScan from '../libs/testing/src/log-scan.cjs';

const MAX_WORKERS = 4;

async function dropDatabases(prefix) {
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  try {
    for (let i = 1; i <= MAX_WORKERS; i++)
      await admin.query(`DROP DATABASE IF EXISTS ${prefix}_${i} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

async function emptyRedis() {
  const base = Number(process.env.CAUSEWAY_TEST_REDIS_DB_BASE ?? '10');
  for (let i = 1; i <= MAX_WORKERS; i++) {
    const url = new URL(process.env.REDIS_URL);
    url.pathname = `/${base + i}`;
    const redis = new IORedis(url.toString(), { maxRetriesPerRequest: 1, lazyConnect: true });
    redis.on('error', () => undefined);
    try {
      await redis.connect();
      await redis.flushdb();
    } finally {
      redis.disconnect();
    }
  }
}

export default async function globalTeardown() {
  const prefix = process.env.CAUSEWAY_TEST_DB_PREFIX ?? 'causeway_test';
  const embedded = globalThis.__embeddedPg;
  if (embedded) {
    await embedded.stop();
    rmSync(embedded.dir, { recursive: true, force: true });
  } else {
    await dropDatabases(prefix);
    if (process.env.REDIS_URL) await emptyRedis();
  }
  const dir = join(root, '.data', 'test-logs');
  const hits = readdirSync(dir)
    .filter((f) => f.startsWith(`${prefix}_`))
    .flatMap((f) => logScan.scanLogFile(join(dir, f)));
  if (hits.length > 0) {
    throw new Error(
      `secrets in ${hits.length} log line(s) of this run:\n${hits
        .slice(0, 10)
        .map((h) => `  ${h.file}:${h.line} ${h.what}: ${h.excerpt}`)
        .join('\n')}`,
    );
  }
}
