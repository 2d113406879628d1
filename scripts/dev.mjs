#!/usr/bin/env node
// The one-command start (`npm start`): builds when sources changed, starts an embedded PostgreSQL
// when DATABASE_URL is unset (data in .data/pg), runs the API and the worker as child processes,
// prints the URLs, and on Ctrl-C/SIGTERM/SIGHUP, or when its parent (npm) goes away, stops the
// children first and PostgreSQL last. The API and the worker hold an IPC channel to this process
// and stop by themselves if it disappears (even by SIGKILL); so does the PostgreSQL host.
import { fork, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { buildIfNeeded } from './build-if-needed.mjs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = process.env.CAUSEWAY_DATA_DIR || join(root, '.data');
/** Where `npm run cli` finds the embedded database while `npm start` runs. */
const databaseUrlFile = join(dataDir, 'database-url');
const log = (msg) => console.log(`[causeway] ${msg}`);

/** Starts scripts/pg-host.mjs (detached, its own process group) and waits for its URL. */
function startPostgresHost(databaseDir, port) {
  const host = fork(join(root, 'scripts/pg-host.mjs'), [databaseDir, String(port), 'causeway'], {
    detached: true,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const stop = () =>
    new Promise((resolve) => {
      if (host.exitCode !== null) return resolve();
      host.once('exit', resolve);
      host.send('stop');
    });
  return new Promise((resolve, reject) => {
    host.once('message', (m) =>
      m.ready ? resolve({ url: m.url, stop }) : reject(new Error(m.error)),
    );
    host.once('exit', (code) => reject(new Error(`embedded PostgreSQL exited (${code})`)));
  });
}

/** The embedded mode keeps one JWT secret in .data/ so sessions survive restarts. */
function localJwtSecret() {
  const file = join(dataDir, 'jwt-secret');
  if (!existsSync(file)) writeFileSync(file, randomBytes(48).toString('hex'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

async function main() {
  mkdirSync(dataDir, { recursive: true });
  buildIfNeeded(log);
  const env = { ...process.env };
  let stopPostgres = async () => {};
  if (!env.DATABASE_URL) {
    const port = Number(process.env.EMBEDDED_PG_PORT || 54329);
    log(`starting embedded PostgreSQL on 127.0.0.1:${port} (data in ${join(dataDir, 'pg')})`);
    const pg = await startPostgresHost(join(dataDir, 'pg'), port);
    env.DATABASE_URL = pg.url;
    stopPostgres = async () => {
      rmSync(databaseUrlFile, { force: true });
      await pg.stop();
    };
    writeFileSync(databaseUrlFile, `${pg.url}\n`, { mode: 0o600 });
    log(`embedded PostgreSQL: ${pg.url} (psql "${pg.url}"; npm run cli uses it while this runs)`);
    if (!env.REDIS_URL) log('no REDIS_URL: queues and pub/sub run on PostgreSQL');
  }
  delete env.EMBEDDED_PG_PORT;
  delete env.CAUSEWAY_DATA_DIR;
  if (!env.REDIS_URL) delete env.REDIS_URL;
  if (!env.JWT_SECRET && env.NODE_ENV !== 'production') env.JWT_SECRET = localJwtSecret();
  const port = env.PORT || '3000';

  const children = [];
  let stopping = false;
  const stopAll = async (code) => {
    if (stopping) return;
    stopping = true;
    log('stopping...');
    await Promise.all(
      children.map(
        (c) =>
          new Promise((resolve) => {
            if (c.exitCode !== null || c.signalCode !== null) return resolve();
            const t = setTimeout(() => c.kill('SIGKILL'), 15000);
            c.once('exit', () => {
              clearTimeout(t);
              resolve();
            });
            c.kill('SIGTERM');
          }),
      ),
    );
    await stopPostgres().catch((e) => log(`stopping PostgreSQL failed: ${e.message}`));
    process.exit(code);
  };
  const run = (name, script) => {
    // The IPC channel is the children's lifeline: they stop when it closes (see stopWithParent).
    const child = spawn(process.execPath, [join(root, script)], {
      cwd: root,
      env,
      stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
    });
    child.on('exit', (code, signal) => {
      if (stopping) return;
      log(`${name} exited (${signal ?? code}); stopping the rest`);
      void stopAll(1);
    });
    children.push(child);
    return child;
  };
  for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(s, () => void stopAll(0));
  // `kill -TERM <npm>` ends npm and its shell without signalling this process: notice the
  // parent going away (this process is re-parented) and stop everything.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) void stopAll(0);
  }, 250).unref();

  // The API applies migrations before it listens; the worker starts once the API is healthy.
  run('api', 'dist/apps/api/src/main.js');
  const host = env.HOST || '127.0.0.1';
  const probe = `http://${['0.0.0.0', '::'].includes(host) ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host}:${port}`;
  const url = probe;
  for (let i = 0; i < 240 && !stopping; i++) {
    try {
      const r = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) });
      if (r.ok) break;
    } catch {
      // not listening yet: ask again
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  if (stopping) return;
  run('worker', 'dist/apps/worker/src/main.js');
  log(
    `Causeway is up: open ${url}/ (GraphQL at ${url}/graphql, health at ${url}/health, metrics at ${url}/metrics). Ctrl-C stops it.`,
  );
}

main().catch((err) => {
  console.error(`[causeway] failed to start: ${err.stack ?? err}`);
  process.exit(1);
});
