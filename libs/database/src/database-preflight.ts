import { Client } from 'pg';

/** A start-up failure that is said in one line (no stack): the database is down, missing or refuses us. */
export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
}

const RETRYABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  '57P03' /* the database system is starting up */,
]);

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparsable DATABASE_URL)';
  }
}

function explain(err: { code?: string; message?: string }, url: string): string {
  const where = redactUrl(url);
  switch (err.code) {
    case 'ECONNREFUSED':
    case 'ETIMEDOUT':
    case 'ECONNRESET':
      return `Database unreachable: nothing answers at ${where} (${err.code}). Is PostgreSQL running? (npm start runs an embedded one when DATABASE_URL is unset)`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `Database unreachable: the host of ${where} is unknown (${err.code}).`;
    case '3D000':
      return `Database missing: ${err.message} at ${where}. Create it (createdb) or point DATABASE_URL at an existing one.`;
    case '28P01':
    case '28000':
      return `Database refused the login at ${where}: ${err.message}.`;
    default:
      return `Database unavailable at ${where}: ${err.message ?? err.code ?? 'no reason given'}`;
  }
}

/**
 * Connects once before an app starts, retrying a refused connection for `waitMs` (a database that
 * is still starting), and throws a DatabaseUnavailableError whose message is one line otherwise.
 */
export async function assertDatabaseReachable(url: string, waitMs = 5000): Promise<void> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query('SELECT 1');
      await client.end();
      return;
    } catch (err) {
      await client.end().catch(() => undefined);
      const e = err as { code?: string; message?: string };
      if (!RETRYABLE.has(e.code ?? '') || Date.now() > deadline)
        throw new DatabaseUnavailableError(explain(e, url));
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}
