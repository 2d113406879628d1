// A skewed synthetic graph loaded straight into PostgreSQL with COPY (pg-copy-streams): people,
// organizations whose followings fall off like a power law (a few huge ones, a long tail), follows,
// and a few updates per organization. Used by `npm run seed:synthetic` and by the benchmarks.
// Every row is one the API could have written (same columns, counters kept exact); nobody can sign
// in as a synthetic person (the password hash is not a hash).
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';

const { from: copyFrom } = copyStreams;

/** A deterministic PRNG (mulberry32), so a seed reproduces the same graph. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** UUIDv7-shaped ids in increasing order (time prefix, then a counter and random bits). */
function idMaker(rand) {
  const t0 = Date.now() - 86_400_000;
  let n = 0;
  return () => {
    const ms = (t0 + Math.floor(n++ / 4096)).toString(16).padStart(12, '0');
    const seq = (n % 4096).toString(16).padStart(3, '0');
    const r = Array.from({ length: 15 }, () => Math.floor(rand() * 16).toString(16)).join('');
    const variant = (8 + Math.floor(rand() * 4)).toString(16);
    return `${ms.slice(0, 8)}-${ms.slice(8)}-7${seq}-${variant}${r.slice(0, 3)}-${r.slice(3)}`;
  };
}

/**
 * How many followers each of `orgs` organizations gets: `huge` first (explicit sizes), the rest of
 * `follows` spread over the others by a Zipf law of exponent `s`, each capped at `users`.
 */
export function followingsOf({ orgs, users, follows, huge = [], s = 1.1 }) {
  const counts = huge.map((h) => Math.min(h, users));
  const rest = Math.max(0, follows - counts.reduce((a, b) => a + b, 0));
  const tail = orgs - counts.length;
  if (tail <= 0) return counts.slice(0, orgs);
  const weights = Array.from({ length: tail }, (_, i) => 1 / (i + 1) ** s);
  const sum = weights.reduce((a, b) => a + b, 0);
  let left = rest;
  for (let i = 0; i < tail; i++) {
    const c = i === tail - 1 ? left : Math.min(users, Math.round((rest * weights[i]) / sum), left);
    counts.push(Math.max(0, Math.min(users, c)));
    left -= counts.at(-1);
  }
  return counts;
}

const esc = (v) =>
  v === null || v === undefined
    ? '\\N'
    : String(v).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n');

/** COPYs rows from a generator of arrays into `table (columns)`, in batches of lines. */
async function copyRows(client, table, columns, rows) {
  const stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
  async function* lines() {
    let buf = '';
    for (const row of rows) {
      buf += row.map(esc).join('\t') + '\n';
      if (buf.length > 1 << 16) {
        yield buf;
        buf = '';
      }
    }
    if (buf) yield buf;
  }
  await pipeline(Readable.from(lines()), stream);
}

/**
 * Loads the graph into the database at `url` (migrations applied). Returns the ids it made:
 * { users: string[], orgs: [{ id, slug, followers }], timings }.
 */
export async function seedSynthetic(
  url,
  {
    users = 100_000,
    orgs = 1_000,
    follows = 1_000_000,
    huge = [],
    updatesPerOrg = 2,
    seed = 1,
    prefix = `syn${randomBytes(3).toString('hex')}`,
    log = () => undefined,
  } = {},
) {
  const rand = prng(seed);
  const newId = idMaker(rand);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const timings = {};
  const step = async (name, fn) => {
    const t0 = Date.now();
    const out = await fn();
    timings[name] = (Date.now() - t0) / 1000;
    log(`  ${name.padEnd(10)} ${timings[name].toFixed(1)} s`);
    return out;
  };
  try {
    const userIds = Array.from({ length: users }, newId);
    await step('users', () =>
      copyRows(
        client,
        'users',
        ['id', 'email', 'handle', 'display_name', 'password_hash'],
        (function* () {
          for (let i = 0; i < users; i++)
            yield [
              userIds[i],
              `${prefix}_${i}@synthetic.invalid`,
              `${prefix}_${i}`,
              `Synthetic person ${i}`,
              '!synthetic',
            ];
        })(),
      ),
    );
    const counts = followingsOf({ orgs, users, follows, huge });
    const orgRows = counts.map((followers, i) => ({
      id: newId(),
      slug: `${prefix}-org-${i}`,
      followers,
    }));
    await step('orgs', () =>
      copyRows(
        client,
        'organizations',
        ['id', 'slug', 'name', 'mission', 'follower_count'],
        orgRows.map((o, i) => [
          o.id,
          o.slug,
          `Synthetic organization ${i}`,
          'A synthetic organization for load tests.',
          o.followers,
        ]),
      ),
    );
    // Each organization's followers: a window of consecutive people from a random start (distinct by construction).
    const total = counts.reduce((a, b) => a + b, 0);
    await step('follows', () =>
      copyRows(
        client,
        'follows',
        ['source_kind', 'source_id', 'follower_id'],
        (function* () {
          for (const o of orgRows) {
            const start = Math.floor(rand() * users);
            for (let j = 0; j < o.followers; j++)
              yield ['ORGANIZATION', o.id, userIds[(start + j) % users]];
          }
        })(),
      ),
    );
    await step('counters', () =>
      client.query(
        `UPDATE users u SET following_count = u.following_count + f.n
       FROM (SELECT follower_id, count(*)::int AS n FROM follows WHERE source_id = ANY($1::uuid[]) GROUP BY follower_id) f
       WHERE u.id = f.follower_id`,
        [orgRows.map((o) => o.id)],
      ),
    );
    // A few updates per organization, each by one of its owners (the first person of the graph).
    const owner = userIds[0];
    await step('members', () =>
      copyRows(
        client,
        'organization_members',
        ['organization_id', 'user_id', 'role'],
        orgRows.map((o) => [o.id, owner, 'OWNER']),
      ),
    );
    const { rows: causes } = await client.query('SELECT id FROM causes ORDER BY slug');
    const updates = [];
    await step('updates', async () => {
      const base = Date.now() - 3_600_000;
      for (const o of orgRows) {
        for (let k = 0; k < updatesPerOrg; k++)
          updates.push({
            id: newId(),
            org: o.id,
            at: new Date(base + updates.length).toISOString(),
            cause: causes.length ? causes[Math.floor(rand() * causes.length)].id : null,
          });
      }
      await copyRows(
        client,
        'updates',
        [
          'id',
          'author_id',
          'organization_id',
          'body',
          'created_at',
          'fanned_out_at',
          'delivery_lag_ms',
        ],
        updates.map((u) => [u.id, owner, u.org, `Synthetic news ${u.id.slice(-6)}`, u.at, u.at, 0]),
      );
      await copyRows(
        client,
        'update_causes',
        ['update_id', 'cause_id', 'created_at'],
        updates.filter((u) => u.cause).map((u) => [u.id, u.cause, u.at]),
      );
    });
    await step('verify', async () => {
      const {
        rows: [{ n }],
      } = await client.query(
        `SELECT count(*)::int AS n FROM follows WHERE source_kind = 'ORGANIZATION' AND source_id = ANY($1::uuid[])`,
        [orgRows.map((o) => o.id)],
      );
      if (n !== total) throw new Error(`seed: ${n} follows stored, ${total} written`);
    });
    await step('analyze', () =>
      client.query(
        'ANALYZE users; ANALYZE organizations; ANALYZE follows; ANALYZE updates; ANALYZE update_causes',
      ),
    );
    return { users: userIds, orgs: orgRows, owner, updates, follows: total, timings };
  } finally {
    await client.end();
  }
}
