import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import pg from 'pg';
import { childEnvironment, testSettings } from '../../../libs/config/src/test-settings';

const root = join(__dirname, '..', '..', '..');

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });

async function admin(url: string, sql: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

async function waitHealthy(
  url: string,
  child: ChildProcess,
  output: () => string,
  timeoutMs = 60_000,
) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null)
      throw new Error(`the API exited (${child.exitCode}):\n${output()}`);
    try {
      if ((await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) })).ok) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the API did not become healthy in ${timeoutMs} ms:\n${output()}`);
}

/**
 * Starts the built API and worker (npm run build first) on a fresh database of their own:
 * `<CAUSEWAY_TEST_DB_PREFIX>_web` on DATABASE_URL's server, or an embedded PostgreSQL when
 * DATABASE_URL is unset; Redis db `<CAUSEWAY_TEST_REDIS_DB_BASE>+5` when REDIS_URL is set.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const { buildIfNeeded } = await import(join(root, 'scripts/build-if-needed.mjs'));
  buildIfNeeded();
  const cleanups: (() => Promise<void>)[] = [];
  const settings = testSettings();
  let base = settings.databaseUrl;
  if (!base) {
    const { startEmbeddedPostgres } = await import(join(root, 'scripts/embedded-postgres.mjs'));
    mkdirSync(join(root, '.data'), { recursive: true });
    const dir = mkdtempSync(join(root, '.data', 'web-e2e-pg-'));
    chmodSync(dir, 0o755); // the embedded server runs as its own user when we are root
    const embedded = await startEmbeddedPostgres({
      databaseDir: join(dir, 'data'),
      port: await freePort(),
      database: 'postgres',
      persistent: false,
    });
    base = embedded.adminUrl as string;
    cleanups.push(async () => {
      await embedded.stop();
      rmSync(dir, { recursive: true, force: true });
    });
  }
  const name = `${settings.dbPrefix}_web`;
  const adminUrl = new URL(base);
  adminUrl.pathname = '/postgres';
  await admin(adminUrl.toString(), `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin(adminUrl.toString(), `CREATE DATABASE ${name}`);
  const dbUrl = new URL(base);
  dbUrl.pathname = `/${name}`;

  const port = await freePort();
  const env = childEnvironment({
    NODE_ENV: 'production',
    PORT: String(port),
    DATABASE_URL: dbUrl.toString(),
    JWT_SECRET: 'web-e2e-secret-0123456789abcdef0123456789',
    LOG_LEVEL: 'warn',
    // The reach and integrations walk posts webhooks to a receiver on loopback in the test process.
    WEBHOOKS_ALLOW_PRIVATE_TARGETS: 'true',
    // Every browser test signs people up from the same address within a minute or two.
    AUTH_RATE_LIMIT_PER_MINUTE: settings.authRateLimitPerMinute ?? '60',
  });
  if (settings.redisUrl) {
    const redis = new URL(settings.redisUrl);
    redis.pathname = `/${settings.redisDbBase + 5}`;
    env.REDIS_URL = redis.toString();
    const { default: IORedis } = await import('ioredis');
    const client = new IORedis(env.REDIS_URL, { maxRetriesPerRequest: 1 });
    await client.flushdb();
    client.disconnect();
  } else {
    delete env.REDIS_URL;
  }

  const children: ChildProcess[] = [];
  let out = '';
  // The processes' output, for a failed run: test-results/web/processes.log.
  const logDir = join(root, 'test-results', 'web');
  mkdirSync(logDir, { recursive: true });
  const logFile = join(logDir, 'processes.log');
  rmSync(logFile, { force: true });
  const start = (app: 'api' | 'worker') => {
    const child = spawn(process.execPath, [join(root, `dist/apps/${app}/src/main.js`)], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const record = (d: Buffer) => {
      out += d.toString();
      appendFileSync(logFile, `[${app}] ${d.toString()}`);
    };
    child.stdout.on('data', record);
    child.stderr.on('data', record);
    child.on('exit', (code, signal) =>
      appendFileSync(logFile, `[${app}] exited (${signal ?? code})\n`),
    );
    children.push(child);
    return child;
  };
  const url = `http://127.0.0.1:${port}`;
  const api = start('api');
  await waitHealthy(url, api, () => out);
  start('worker');
  process.env.CAUSEWAY_WEB_URL = url;
  process.env.CAUSEWAY_WEB_DATABASE_URL = dbUrl.toString();

  return async () => {
    await Promise.all(
      children.map(
        (c) =>
          new Promise<void>((resolve) => {
            if (c.exitCode !== null || c.signalCode !== null) return resolve();
            const t = setTimeout(() => c.kill('SIGKILL'), 10_000);
            c.once('exit', () => (clearTimeout(t), resolve()));
            c.kill('SIGTERM');
          }),
      ),
    );
    await admin(adminUrl.toString(), `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(
      () => undefined,
    );
    for (const c of cleanups.reverse()) await c();
  };
}
