// The benchmark's world: a skewed synthetic graph (scripts/seed/synthetic.mjs) plus a reader whose
// home feed holds more than a page of updates (organizations' and people's, with causes, some the
// reader reacted to), a hot campaign, and access tokens minted with the run's JWT secret.
import { createSecretKey } from 'node:crypto';
import jwt from 'jsonwebtoken';
import pg from 'pg';
import { seedSynthetic } from '../../seed/synthetic.mjs';

/** An access token as SessionsService issues it (HS256, sub + role, 15 minutes). */
export function accessToken(userId, role = 'MEMBER') {
  return jwt.sign(
    { sub: userId, role },
    createSecretKey(Buffer.from(process.env.BENCH_JWT_SECRET)),
    { algorithm: 'HS256', expiresIn: 900 },
  );
}

/**
 * @param {string} url the scratch database (migrated)
 * @param {{ users: number, huge: number[], tailOrgs: number, tailFollows: number, clients: number }} size
 */
export async function buildWorld(url, size, log = () => undefined) {
  const t0 = Date.now();
  const graph = await seedSynthetic(url, {
    users: size.users,
    orgs: size.huge.length + size.tailOrgs,
    follows: size.huge.reduce((a, b) => a + b, 0) + size.tailFollows,
    huge: size.huge,
    updatesPerOrg: 2,
    prefix: 'bench',
  });
  log(
    `world: ${size.users.toLocaleString('en')} people, ${graph.orgs.length} organizations, ${graph.follows.toLocaleString('en')} follows (${((Date.now() - t0) / 1000).toFixed(1)} s)`,
  );
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  try {
    // The reader: follows every tail organization; the feed holds their updates and ten people's personal
    // updates (each by a different author, some with two causes), newest first, well over a page.
    const reader = graph.users[1];
    const tail = graph.orgs.slice(size.huge.length);
    await pool.query(
      `INSERT INTO follows (source_kind, source_id, follower_id) SELECT 'ORGANIZATION', unnest($1::uuid[]), $2 ON CONFLICT DO NOTHING`,
      [tail.map((o) => o.id), reader],
    );
    const authors = graph.users.slice(2, 12);
    await pool.query(
      `WITH p AS (INSERT INTO updates (author_id, body, created_at, fanned_out_at, delivery_lag_ms)
         SELECT a, 'Personal news ' || i, now() - make_interval(secs => i), now(), 0 FROM unnest($1::uuid[]) WITH ORDINALITY AS x(a, i) RETURNING id, created_at)
       INSERT INTO update_causes (update_id, cause_id, created_at)
       SELECT p.id, c.id, p.created_at FROM p CROSS JOIN LATERAL (SELECT id FROM causes ORDER BY md5(p.id::text || slug) LIMIT 2) c`,
      [authors],
    );
    // The fan-out scenarios empty feed_entries before each measurement and put this feed back.
    const restoreReaderFeed = (p) =>
      p.query(
        `INSERT INTO feed_entries (user_id, created_at, update_id)
         SELECT $1, u.created_at, u.id FROM updates u
         WHERE (u.organization_id = ANY($2::uuid[]) OR (u.organization_id IS NULL AND u.author_id = ANY($3::uuid[]))) AND u.body <> 'raw twin'
         ON CONFLICT DO NOTHING`,
        [reader, tail.map((o) => o.id), authors],
      );
    await restoreReaderFeed(pool);
    // The reader reacted to every third update of the feed (counts kept exact, as the API does).
    await pool.query(
      `WITH r AS (INSERT INTO reactions (update_id, user_id)
         SELECT update_id, $1 FROM (SELECT update_id, row_number() OVER (ORDER BY created_at DESC, update_id DESC) AS n FROM feed_entries WHERE user_id = $1) f
         WHERE n % 3 = 1 RETURNING update_id)
       UPDATE updates u SET reaction_count = reaction_count + 1 FROM r WHERE u.id = r.update_id`,
      [reader],
    );
    const {
      rows: [{ n: feedSize }],
    } = await pool.query('SELECT count(*)::int AS n FROM feed_entries WHERE user_id = $1', [
      reader,
    ]);
    if (feedSize < 21)
      throw new Error(
        `the reader's feed holds ${feedSize} entries; a page of 20 needs at least 21 (more tail organizations)`,
      );
    // The hot campaign, of the first tail organization.
    const {
      rows: [campaign],
    } = await pool.query(
      `INSERT INTO campaigns (organization_id, created_by_id, title, goal_kind, goal_amount, currency)
       VALUES ($1, $2, 'Hot campaign', 'MONEY', 1000000000000000, 'USD') RETURNING id`,
      [tail[0].id, graph.owner],
    );
    // Pledgers: distinct people, so that idempotency keys and rate-limit keys spread as in real traffic.
    const pledgers = graph.users.slice(12, 12 + size.clients);
    return {
      graph,
      reader,
      readerToken: accessToken(reader),
      ownerToken: accessToken(graph.owner),
      feedSize,
      restoreReaderFeed,
      huge: graph.orgs.slice(0, size.huge.length),
      campaignId: campaign.id,
      pledgerTokens: pledgers.map((id) => accessToken(id)),
    };
  } finally {
    await pool.end();
  }
}
