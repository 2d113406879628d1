// Shared by the benchmarks: scratch databases, the built API and worker as child processes,
// a keep-alive HTTP client, closed-loop load at fixed concurrency, and statistics.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { root } from '../../build-if-needed.mjs';
import { startEmbeddedPostgres } from '../../embedded-postgres.mjs';

/**
 * The build the API and worker run from: dist/, or BENCH_DIST (a copy of another build, inside the
 * repository so that node_modules resolves: a before/after comparison without rebuilding).
 */
export const distRoot = process.env.BENCH_DIST ?? join(root, 'dist');

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export const freePort = () =>
  new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

/** Waits until `probe()` is truthy (polling every `every` ms); throws after `timeoutMs`. */
export async function waitFor(what, probe, { timeoutMs = 60_000, every = 5 } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(every);
  }
}

/** Runs `total` tasks with at most `width` in flight; returns the elapsed seconds. */
export async function timed(total, width, task) {
  let next = 0;
  const t0 = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < total) await task(next++);
    }),
  );
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

/**
 * Closed-loop load: `width` workers each run `task(k)` back to back until `total` tasks are done.
 * Returns throughput (per second) and every latency in ms.
 */
export async function load(total, width, task) {
  const latencies = new Array(total);
  let next = 0;
  const t0 = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < total) {
        const k = next++;
        const s = process.hrtime.bigint();
        await task(k);
        latencies[k] = Number(process.hrtime.bigint() - s) / 1e6;
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return { rate: total / seconds, seconds, latencies };
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
/** The q-quantile by nearest rank (q = 0.99: p99; with fewer than 100 samples this is the largest). */
export const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
};

/** A scratch database on DATABASE_URL's server (dropped by stop()), or an embedded PostgreSQL. */
export async function scratchDatabase(name) {
  if (!process.env.DATABASE_URL) {
    const dir = mkdtempSync(join(tmpdir(), 'causeway-bench-'));
    // As root, the server runs as the OS user postgres, which must be able to enter the directory.
    chmodSync(dir, 0o755);
    const pgEmbedded = await startEmbeddedPostgres({
      databaseDir: join(dir, 'pg'),
      port: await freePort(),
      database: name,
      persistent: true,
    });
    return {
      url: pgEmbedded.url,
      stop: async () => (await pgEmbedded.stop(), rmSync(dir, { recursive: true, force: true })),
    };
  }
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(process.env.DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    stop: async () => {
      const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

/** POSTs a GraphQL request over a keep-alive connection; resolves to { status, body } (body as text, untouched). */
export function post(base, path, payload, token) {
  const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
  const url = new URL(path, base);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** A GraphQL request that must succeed; resolves to `data`. */
export async function gql(base, query, variables, token) {
  const { status, body } = await post(base, '/graphql', { query, variables }, token);
  const parsed = JSON.parse(body);
  if (parsed.errors || status !== 200) throw new Error(`HTTP ${status}: ${body.slice(0, 300)}`);
  return parsed.data;
}

/** Peak and current resident memory of a process (Linux /proc), in MiB. */
export function memoryOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field) => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
  return { peakMiB: kb('VmHWM') / 1024, rssMiB: kb('VmRSS') / 1024 };
}

function stopper(child) {
  return () =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.once('exit', () => (clearTimeout(timer), resolve()));
      child.kill('SIGTERM');
    });
}

/** The settings every process of one benchmark run shares (one JWT secret: tokens work on both servers). */
export function benchEnv(url) {
  return {
    ...process.env,
    DATABASE_URL: url,
    NODE_ENV: 'production',
    JWT_SECRET: process.env.BENCH_JWT_SECRET,
    LOG_LEVEL: 'warn',
    AUTH_RATE_LIMIT_PER_MINUTE: '1000000',
    API_RATE_LIMIT_PER_MINUTE: '100000000',
  };
}
process.env.BENCH_JWT_SECRET ??= randomUUID() + randomUUID();

/** Starts a node script as an HTTP server on a free port; resolves once `${base}${healthPath}` answers. */
async function startHttpChild(name, script, env, nodeArgs, healthPath) {
  const port = await freePort();
  const child = spawn(process.execPath, [...nodeArgs, script], {
    env: { ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}`);
    const ok = await new Promise((resolve) => {
      http
        .get(`${base}${healthPath}`, (res) => (res.resume(), resolve(res.statusCode === 200)))
        .on('error', () => resolve(false));
    });
    if (ok) return { base, pid: child.pid, child, stop: stopper(child) };
    await sleep(100);
  }
  child.kill('SIGKILL');
  throw new Error(`${name} did not become healthy within 60 s`);
}

const nodeArgsFrom = (extra = []) => [
  ...(process.env.BENCH_API_NODE_ARGS ?? '').split(' ').filter(Boolean),
  ...extra,
];

/** The built API (dist/) against `url`. `nodeArgs`, e.g. ['--require', sqlLog], go before the script. */
export function startApi(url, { nodeArgs = [], env = {}, dist = distRoot } = {}) {
  return startHttpChild(
    'the API',
    join(dist, 'apps/api/src/main.js'),
    { ...benchEnv(url), ...env },
    nodeArgsFrom(nodeArgs),
    '/health',
  );
}

/** The raw node:http + pg server (scripts/bench/raw-server.mjs) against `url`. */
export function startRaw(url, { nodeArgs = [], env = {} } = {}) {
  return startHttpChild(
    'the raw server',
    join(root, 'scripts/bench/raw-server.mjs'),
    { ...benchEnv(url), ...env },
    nodeArgsFrom(nodeArgs),
    '/health',
  );
}

/** Starts the built worker against `url`; resolves once it consumes queues. */
export async function startWorker(url, extraEnv = {}) {
  // A port of its own for the worker's health endpoint: the default (3001) may be taken on a shared machine.
  const env = {
    ...benchEnv(url),
    LOG_LEVEL: 'log',
    WORKER_HTTP_PORT: String(await freePort()),
    ...extraEnv,
  };
  const child = spawn(process.execPath, [join(distRoot, 'apps/worker/src/main.js')], {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise((resolve, reject) => {
    let out = '';
    const onData = (d) => {
      out += d;
      if (out.includes('consuming queues')) {
        child.stdout.off('data', onData);
        child.off('exit', onExit);
        resolve();
      }
    };
    const onExit = (code) => reject(new Error(`the worker exited with ${code}`));
    child.stdout.on('data', onData);
    child.once('exit', onExit);
  });
  child.stdout.resume();
  return { pid: child.pid, stop: stopper(child) };
}
