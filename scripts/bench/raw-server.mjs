// The raw baseline: a node:http + pg server doing by hand what the API does for the benchmark's
// three requests (lib/queries.mjs), with the same statements (text for text; `npm run bench`
// checks the statement lists and the bodies against the API before it measures anything):
//   { apiVersion }  verify the access token (HS256, the same key), count the request against the
//                   per-user rate limit (on Redis the API's own BatchedCounter, loaded from the build,
//                   sending pipelined INCRBY/EXPIRE batches; on PostgreSQL the upsert), answer;
//   feed page       the same, then the page statement, then the four look-ups the API's loaders
//                   batch (viewer reactions, authors, causes, organizations), and the same JSON,
//                   byte for byte, HMAC cursors included;
//   pledge          the same auth, the account check, the campaign read, the transaction (pledge
//                   row, outbox row, pg_notify, counter update) and the progress publication.
// Anything else is 400. No framework, no GraphQL, no ORM: the floor of the same work in Node.
// Env (as the API): PORT, DATABASE_URL, REDIS_URL (unset: PostgreSQL for limits and events),
// JWT_SECRET, CURSOR_SECRET, API_RATE_LIMIT_PER_MINUTE.
import { createHmac, createSecretKey, randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import IORedis from 'ioredis';
import jwt from 'jsonwebtoken';
import pg from 'pg';
import { distRoot } from './lib/common.mjs';
import { FEED, FLOOR, PLEDGE } from './lib/queries.mjs';

const env = process.env;
const API_VERSION = '2026-11';
const LIMIT = Number(env.API_RATE_LIMIT_PER_MINUTE ?? 600);
const jwtKey = createSecretKey(Buffer.from(env.JWT_SECRET));
const cursorSecret =
  env.CURSOR_SECRET ??
  createHmac('sha256', env.JWT_SECRET).update('causeway-cursors').digest('hex');
const macKey = createHmac('sha256', cursorSecret).update('causeway-cursor-v2').digest();
const ROLES = new Set(['MEMBER', 'ADMIN']);

// pg returns timestamptz as Date, bigint as string, like the API's driver settings.
const pool = new pg.Pool({
  connectionString: env.DATABASE_URL,
  max: 20,
  connectionTimeoutMillis: 5000,
});
const redis = env.REDIS_URL
  ? new IORedis(env.REDIS_URL, { maxRetriesPerRequest: 1, connectTimeout: 2000 })
  : null;
redis?.on('error', () => undefined);
// The rate limit's per-process batching is the API's code (libs/rate-limit), not a copy; a build
// from before it (BENCH_DIST) counts with one MULTI per request, as that API does.
const counterModule = join(distRoot, 'libs/rate-limit/src/batched-counter.js');
const { BatchedCounter } = existsSync(counterModule)
  ? createRequire(import.meta.url)(counterModule)
  : {};
const batched =
  redis && BatchedCounter
    ? new BatchedCounter(async (batch) => {
        const pipeline = redis.pipeline();
        for (const { key, n } of batch) pipeline.incrby(key, n).expire(key, 65);
        const res = await pipeline.exec();
        return batch.map((_, i) => Number(res[2 * i][1]));
      })
    : null;

function uuidv7() {
  const b = randomBytes(16);
  const ms = BigInt(Date.now());
  for (let i = 0; i < 6; i++) b[i] = Number((ms >> BigInt(8 * (5 - i))) & 0xffn);
  b[6] = (b[6] & 0x0f) | 0x70;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function viewerOf(req) {
  const m = /^bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  if (!m) return null;
  try {
    const c = jwt.verify(m[1], jwtKey, { algorithms: ['HS256'] });
    return typeof c.sub === 'string' && ROLES.has(c.role) && typeof c.exp === 'number'
      ? { id: c.sub, role: c.role }
      : null;
  } catch {
    return null;
  }
}

let pgHits = 0;
/** RateLimiter.consume with the store the API would use; true when within budget. */
async function withinLimit(key) {
  const now = Date.now() / 1000;
  const id = Math.floor(now / 60);
  if (batched) return (await batched.hit(`causeway:rl:${key}:${id}`, LIMIT)) <= LIMIT;
  if (redis) {
    const k = `causeway:rl:${key}:${id}`;
    const res = await redis.multi().incr(k).expire(k, 65).exec();
    return Number(res?.[0]?.[1] ?? 1) <= LIMIT;
  }
  const { rows } = await pool.query(
    `INSERT INTO rate_limit_counter (key, expires_at, count) VALUES ($1, now() + make_interval(secs => $2), 1)
       ON CONFLICT (key) DO UPDATE SET count = rate_limit_counter.count + 1
       RETURNING count`,
    [`${key}:${id}`, 65],
  );
  if (++pgHits % 500 === 0)
    await pool.query('DELETE FROM rate_limit_counter WHERE expires_at < now()');
  return Number(rows[0].count) <= LIMIT;
}

const encodeCursor = (key, list) => {
  const body = Buffer.from(JSON.stringify(key)).toString('base64url');
  return `${body}.${createHmac('sha256', macKey).update(`${list}\n${body}`).digest('base64url').slice(0, 16)}`;
};

// The statements, as the API sends them (UPDATE_COLUMNS, visibleUpdateSql, TypeORM's findBy).
const UPDATE_COLUMNS = `u.id, u.author_id AS "authorId", u.organization_id AS "organizationId", u.campaign_id AS "campaignId",
   u.body, u.link_url AS "linkUrl", u.created_at AS "createdAt", u.deleted_at AS "deletedAt",
   u.hidden_at AS "hiddenAt", u.comment_count AS "commentCount", u.reaction_count AS "reactionCount",
   u.fanned_out_at AS "fannedOutAt", u.delivery_lag_ms AS "deliveryLagMs"`;
const FEED_PAGE = `SELECT ${UPDATE_COLUMNS} FROM feed_entries f JOIN updates u ON u.id = f.update_id
       WHERE f.user_id = $1 AND (f.created_at, f.update_id) < ($2::timestamptz, $3::uuid) AND u.deleted_at IS NULL AND u.hidden_at IS NULL AND NOT EXISTS (
     SELECT 1 FROM user_blocks b WHERE b.blocker_id = $1::uuid AND b.blocked_id = u.author_id)
       ORDER BY f.created_at DESC, f.update_id DESC LIMIT $4`;
const REACTED =
  'SELECT update_id FROM reactions WHERE user_id = $1 AND update_id = ANY($2::uuid[])';
const CAUSES_OF = `SELECT uc.update_id AS "updateId", c.id, c.slug, c.name, c.description, c.parent_id AS "parentId",
              c.follower_count AS "followerCount", c.created_at AS "createdAt"
       FROM update_causes uc JOIN causes c ON c.id = uc.cause_id WHERE uc.update_id = ANY($1::uuid[]) ORDER BY c.name, c.id`;
const typeormIn = (n) => Array.from({ length: n }, (_, i) => `$${i + 1}`).join(', ');
const entityColumns = (entity, cols) =>
  cols.map((c) => `"${entity}"."${c}" AS "${entity}_${c}"`).join(', ');
const USER_COLS = [
  'id',
  'created_at',
  'email',
  'handle',
  'display_name',
  'bio',
  'platform_role',
  'follower_count',
  'following_count',
  'email_verified_at',
  'digest_frequency',
  'locale',
  'time_zone',
  'deleted_at',
  'updated_at',
];
const ORG_COLS = [
  'id',
  'created_at',
  'slug',
  'name',
  'mission',
  'website_url',
  'verified',
  'follower_count',
  'updated_at',
];
const CAMPAIGN_COLS = [
  'id',
  'created_at',
  'organization_id',
  'cause_id',
  'created_by_id',
  'title',
  'description',
  'goal_kind',
  'goal_amount',
  'currency',
  'ends_at',
  'pledged_total',
  'fulfilled_total',
  'pledge_count',
  'goal_reached_at',
];
const USERS_BY_IDS = (n) =>
  `SELECT ${entityColumns('UserEntity', USER_COLS)} FROM "users" "UserEntity" WHERE (("UserEntity"."id" IN (${typeormIn(n)})))`;
const ORGS_BY_IDS = (n) =>
  `SELECT ${entityColumns('OrganizationEntity', ORG_COLS)} FROM "organizations" "OrganizationEntity" WHERE (("OrganizationEntity"."id" IN (${typeormIn(n)})))`;
const CAMPAIGN_BY_ID = `SELECT ${entityColumns('CampaignEntity', CAMPAIGN_COLS)} FROM "campaigns" "CampaignEntity" WHERE (("CampaignEntity"."id" = $1)) LIMIT 1`;
const INSERT_PLEDGE = `INSERT INTO pledges (id, campaign_id, user_id, kind, amount, currency, message, idempotency_key)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (user_id, idempotency_key) DO NOTHING RETURNING id, created_at`;
const INSERT_OUTBOX =
  'INSERT INTO outbox_events (id, type, payload, request_id) VALUES ($1, $2, $3, $4)';
const MOVE_TOTALS = `WITH c AS (
         UPDATE campaigns SET pledged_total = pledged_total + $2, fulfilled_total = fulfilled_total + $3, pledge_count = pledge_count + $4
         WHERE id = $1 RETURNING goal_reached_at IS NULL AND pledged_total >= goal_amount AS reached, organization_id)
       SELECT reached, organization_id FROM c`;

const uniq = (xs) => [...new Set(xs)];

async function feedPage(viewer) {
  const { rows } = await pool.query(FEED_PAGE, [
    viewer.id,
    'infinity',
    'ffffffff-ffff-ffff-ffff-ffffffffffff',
    21,
  ]);
  const items = rows.slice(0, 20);
  const ids = items.map((u) => u.id);
  const authorIds = uniq(items.map((u) => u.authorId));
  const orgIds = uniq(items.map((u) => u.organizationId).filter(Boolean));
  // The four look-ups the API's DataLoaders batch, issued together as they are there (none for an empty page).
  const none = { rows: [] };
  const [reacted, authors, causes, orgs] = await Promise.all([
    ids.length ? pool.query(REACTED, [viewer.id, ids]) : none,
    ids.length ? pool.query(USERS_BY_IDS(authorIds.length), authorIds) : none,
    ids.length ? pool.query(CAUSES_OF, [ids]) : none,
    orgIds.length ? pool.query(ORGS_BY_IDS(orgIds.length), orgIds) : none,
  ]);
  const reactedSet = new Set(reacted.rows.map((r) => r.update_id));
  const authorById = new Map(authors.rows.map((r) => [r.UserEntity_id, r]));
  const orgById = new Map(orgs.rows.map((r) => [r.OrganizationEntity_id, r]));
  const causesOf = new Map();
  for (const c of causes.rows) {
    const list = causesOf.get(c.updateId) ?? [];
    list.push({ slug: c.slug, name: c.name });
    causesOf.set(c.updateId, list);
  }
  const cursors = items.map((u) => encodeCursor([u.createdAt.toISOString(), u.id], 'feed'));
  const edges = items.map((u, i) => {
    const a = authorById.get(u.authorId);
    const o = u.organizationId ? orgById.get(u.organizationId) : null;
    return {
      cursor: cursors[i],
      node: {
        id: u.id,
        body: u.body,
        createdAt: u.createdAt.toISOString(),
        commentCount: u.commentCount,
        reactionCount: u.reactionCount,
        viewerHasReacted: reactedSet.has(u.id),
        author: {
          id: a.UserEntity_id,
          handle: a.UserEntity_handle,
          displayName: a.UserEntity_display_name,
        },
        organization: o
          ? {
              id: o.OrganizationEntity_id,
              slug: o.OrganizationEntity_slug,
              name: o.OrganizationEntity_name,
            }
          : null,
        causes: causesOf.get(u.id) ?? [],
      },
    };
  });
  return {
    data: {
      feed: {
        edges,
        pageInfo: { hasNextPage: rows.length > 20, endCursor: cursors.at(-1) ?? null },
      },
    },
  };
}

async function pledge(viewer, input) {
  const {
    rows: [user],
  } = await pool.query(USERS_BY_IDS(1), [viewer.id]);
  if (!user)
    return {
      errors: [
        {
          message: 'Your account no longer exists; sign in again.',
          extensions: { code: 'UNAUTHENTICATED' },
        },
      ],
      data: null,
    };
  const {
    rows: [c],
  } = await pool.query(CAMPAIGN_BY_ID, [input.campaignId]);
  if (!c || c.CampaignEntity_currency !== input.currency)
    return {
      errors: [{ message: 'bad campaign', extensions: { code: 'BAD_USER_INPUT' } }],
      data: null,
    };
  const client = await pool.connect();
  let row;
  try {
    await client.query('START TRANSACTION');
    ({
      rows: [row],
    } = await client.query(INSERT_PLEDGE, [
      uuidv7(),
      c.CampaignEntity_id,
      viewer.id,
      c.CampaignEntity_goal_kind,
      String(BigInt(input.amount)),
      input.currency,
      null,
      input.idempotencyKey,
    ]));
    if (row) {
      await client.query(INSERT_OUTBOX, [
        uuidv7(),
        'pledge-received',
        {
          pledgeId: row.id,
          campaignId: c.CampaignEntity_id,
          organizationId: c.CampaignEntity_organization_id,
          userId: viewer.id,
        },
        randomUUID(),
      ]); // the API records the request's id with the event
      await client.query(`SELECT pg_notify('causeway_outbox', '')`);
      await client.query(MOVE_TOTALS, [c.CampaignEntity_id, String(BigInt(input.amount)), '0', 1]);
    }
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
  if (!row)
    return { errors: [{ message: 'replay', extensions: { code: 'CONFLICT' } }], data: null };
  const topic = `campaign.progress.${c.CampaignEntity_id}`;
  if (redis)
    await redis
      .pipeline()
      .publish(`causeway:${topic}`, JSON.stringify({ campaignId: c.CampaignEntity_id }))
      .exec();
  else
    await pool.query(`SELECT pg_notify('causeway_events', p) FROM unnest($1::text[]) AS p`, [
      [JSON.stringify({ t: topic, m: { campaignId: c.CampaignEntity_id } })],
    ]);
  return { data: { pledge: { id: row.id } } };
}

const UNAUTHENTICATED = JSON.stringify({
  errors: [{ message: 'Sign in first.', extensions: { code: 'UNAUTHENTICATED' } }],
  data: null,
});

async function handle(req, body) {
  const { query, variables } = JSON.parse(body);
  if (query !== FLOOR && query !== FEED && query !== PLEDGE)
    return [400, '{"errors":[{"message":"the raw server only knows the benchmark\'s documents"}]}'];
  const viewer = viewerOf(req);
  if (
    !(await withinLimit(viewer ? `api:user:${viewer.id}` : `api:ip:${req.socket.remoteAddress}`))
  ) {
    return [
      429,
      JSON.stringify({
        errors: [{ message: 'Too many requests', extensions: { code: 'RATE_LIMITED' } }],
        data: null,
      }),
    ];
  }
  if (query === FLOOR) return [200, JSON.stringify({ data: { apiVersion: API_VERSION } })];
  if (!viewer) return [200, UNAUTHENTICATED];
  if (query === FEED) return [200, JSON.stringify(await feedPage(viewer))];
  return [200, JSON.stringify(await pledge(viewer, variables.i))];
}

const server = http.createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/health') return res.end('ok');
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    handle(req, Buffer.concat(chunks).toString('utf8')).then(
      ([status, json]) => {
        const text = `${json}\n`; // Apollo ends every JSON body with a newline
        res.writeHead(status, {
          'content-type': 'application/json; charset=utf-8',
          'cache-control': 'no-store',
          'content-length': Buffer.byteLength(text),
        });
        res.end(text);
      },
      (err) => {
        console.error(`raw server: ${err.message}`);
        res.writeHead(500).end('{"errors":[{"message":"internal"}]}');
      },
    );
  });
});
server.keepAliveTimeout = 65_000;
server.listen(Number(env.PORT ?? 3001), '127.0.0.1');
const stop = () =>
  server.close(() => Promise.all([pool.end(), redis?.quit()]).finally(() => process.exit(0)));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
