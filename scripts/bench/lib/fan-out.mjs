// Shared by the fan-out scenarios: an update posted through the API and followed to its last feed
// entry, and the raw floor of the same delivery (one INSERT ... SELECT into the same table and indexes).
import { gql, waitFor } from './common.mjs';

const POST_UPDATE = 'mutation($i: PostUpdateInput!) { postUpdate(input: $i) { id } }';

/**
 * Empties feed_entries (so every measurement starts from the same table) and puts the reader's feed
 * back. Not timed.
 */
export async function resetFeeds(pool, world) {
  await pool.query('TRUNCATE feed_entries');
  await world.restoreReaderFeed(pool);
}

/**
 * Posts for `org` through the API; resolves once the worker marked the fan-out done, with the
 * worker's own delivery lag (commit to last entry), the lag seen from here (postUpdate returned to
 * fanned_out_at observed, polled every `pollMs`), and the entries delivered.
 */
export async function postAndWait(ctx, pool, org, { pollMs = 5, timeoutMs = 600_000 } = {}) {
  const { postUpdate } = await gql(
    ctx.api.base,
    POST_UPDATE,
    { i: { organizationId: org.id, body: `Bench news ${Date.now()}` } },
    ctx.world.ownerToken,
  );
  const returned = process.hrtime.bigint();
  const row = await waitFor(
    `the fan-out of ${postUpdate.id}`,
    async () => {
      const { rows } = await pool.query(
        'SELECT delivery_lag_ms FROM updates WHERE id = $1 AND fanned_out_at IS NOT NULL',
        [postUpdate.id],
      );
      return rows[0];
    },
    { timeoutMs, every: pollMs },
  );
  const observedMs = Number(process.hrtime.bigint() - returned) / 1e6;
  const {
    rows: [{ n }],
  } = await pool.query('SELECT count(*)::int AS n FROM feed_entries WHERE update_id = $1', [
    postUpdate.id,
  ]);
  if (n < org.followers)
    throw new Error(
      `the update of an organization with ${org.followers} followers reached ${n} feeds`,
    );
  return { id: postUpdate.id, workerLagMs: row.delivery_lag_ms, observedMs, entries: n };
}

/** The raw floor: a twin update (not timed), then its entries for every follower in one statement. */
export async function rawFanOut(pool, org, authorId) {
  const {
    rows: [twin],
  } = await pool.query(
    `INSERT INTO updates (author_id, organization_id, body, fanned_out_at) VALUES ($1, $2, 'raw twin', now()) RETURNING id, created_at`,
    [authorId, org.id],
  );
  const t0 = process.hrtime.bigint();
  const { rowCount } = await pool.query(
    `INSERT INTO feed_entries (user_id, created_at, update_id)
     SELECT follower_id, $2, $3 FROM follows WHERE source_kind = 'ORGANIZATION' AND source_id = $1 ON CONFLICT DO NOTHING`,
    [org.id, twin.created_at, twin.id],
  );
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (rowCount < org.followers)
    throw new Error(`raw fan-out: ${rowCount} entries for ${org.followers} followers`);
  return { ms, entries: rowCount };
}

export const fmtCount = (n) => (n >= 1e6 ? `${n / 1e6}M` : n >= 1e3 ? `${n / 1e3}k` : String(n));
