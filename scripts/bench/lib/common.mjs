// Shared by the benchmarks: scratch databases, timing, the built API and GraphQL over HTTP.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { root } from '../../build-if-needed.mjs';
import { startEmbeddedPostgres } from '../../embedded-postgres.mjs';

export const freePort = () =>
  new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

/** Runs `total` tasks with at most `width` in flight; returns the elapsed seconds. */
export async function timed(total, width, task) {
  let next = 0;
  const t0 = process.hrtime.bigint();
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < total) await task(next++);
  }));
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

export async function scratchDatabase(SCRATCH) {
  if (!process.env.DATABASE_URL) {
    const dir = mkdtempSync(join(tmpdir(), 'causeway-bench-'));
    const pgEmbedded = await startEmbeddedPostgres({ databaseDir: join(dir, 'pg'), port: await freePort(), database: SCRATCH, persistent: true });
    return { url: pgEmbedded.url, stop: async () => (await pgEmbedded.stop(), rmSync(dir, { recursive: true, force: true })) };
  }
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${SCRATCH} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${SCRATCH}`);
  await admin.end();
  const url = new URL(process.env.DATABASE_URL);
  url.pathname = `/${SCRATCH}`;
  return {
    url: url.toString(),
    stop: async () => {
      const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${SCRATCH} WITH (FORCE)`);
      await c.end();
    },
  };
}

export async function gql(base, query, variables, token) {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = await res.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors).slice(0, 300));
  return body.data;
}

export async function startApi(url) {
  const port = await freePort();
  const env = {
    ...process.env,
    DATABASE_URL: url,
    PORT: String(port),
    NODE_ENV: 'production',
    JWT_SECRET: randomUUID() + randomUUID(),
    LOG_LEVEL: 'warn',
    AUTH_RATE_LIMIT_PER_MINUTE: '1000000',
    API_RATE_LIMIT_PER_MINUTE: '10000000',
  };
  const child = spawn(process.execPath, [...(process.env.BENCH_API_NODE_ARGS ?? '').split(' ').filter(Boolean), join(root, 'dist/apps/api/src/main.js')], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`the API exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/health`)).ok) return { base, stop: () => new Promise((r) => (child.once('exit', r), child.kill('SIGTERM'))) };
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error('the API did not become healthy within 30 s');
}

/** Starts the built worker against `url`; resolves once it consumes queues. */
export async function startWorker(url, extraEnv = {}) {
  const env = { ...process.env, DATABASE_URL: url, NODE_ENV: 'production', JWT_SECRET: randomUUID() + randomUUID(), LOG_LEVEL: 'log', ...extraEnv };
  const child = spawn(process.execPath, [join(root, 'dist/apps/worker/src/main.js')], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes('consuming queues')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`the worker exited with ${code}`)));
  });
  child.stdout.resume();
  return { pid: child.pid, stop: () => new Promise((r) => (child.once('exit', r), child.kill('SIGTERM'))) };
}
