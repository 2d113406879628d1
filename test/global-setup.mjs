// Once per `npm test`: builds when needed (some e2e tests start the built processes), makes sure a
// PostgreSQL is there (DATABASE_URL, or an embedded one started here), and creates one database
// per jest worker. Redis is used when REDIS_URL is set; otherwise queues and pub/sub run on PostgreSQL.
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import pg from 'pg';
import { buildIfNeeded, root } from '../scripts/build-if-needed.mjs';
import { startEmbeddedPostgres } from '../scripts/embedded-postgres.mjs';

const MAX_WORKERS = 4;

const freePort = () =>
  new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

export default async function globalSetup() {
  buildIfNeeded();
  // Fresh log files for this run (each jest worker writes its own; test/log-guard.ts scans them).
  const prefix = process.env.CAUSEWAY_TEST_DB_PREFIX ?? 'causeway_test';
  mkdirSync(join(root, '.data', 'test-logs'), { recursive: true });
  for (let i = 1; i <= MAX_WORKERS; i++)
    rmSync(join(root, '.data', 'test-logs', `${prefix}_${i}.log`), { force: true });
  if (!process.env.DATABASE_URL) {
    mkdirSync(join(root, '.data'), { recursive: true });
    const dir = mkdtempSync(join(root, '.data', 'test-pg-'));
    chmodSync(dir, 0o755);
    const embedded = await startEmbeddedPostgres({
      databaseDir: join(dir, 'data'),
      port: await freePort(),
      database: 'postgres',
      persistent: false,
    });
    globalThis.__embeddedPg = { ...embedded, dir };
    process.env.DATABASE_URL = embedded.adminUrl;
    process.env.CAUSEWAY_TEST_EMBEDDED = '1';
  }
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  try {
    for (let i = 1; i <= MAX_WORKERS; i++) {
      const name = `${process.env.CAUSEWAY_TEST_DB_PREFIX ?? 'causeway_test'}_${i}`;
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${name}`);
    }
  } finally {
    await admin.end();
  }
  process.env.CAUSEWAY_TEST_BASE_URL = process.env.DATABASE_URL;
}
