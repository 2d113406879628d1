import { DataSource, EntityManager } from 'typeorm';
import { usersSql } from '@causeway/accounts';
import { DomainEvent, Outbox } from '@causeway/outbox';

/** Advisory lock key of the digest planners (the scheduled one and `send-digests --now`): one at a time. */
export const DIGEST_PLAN_LOCK = 0x6469_6765; // 'dige'

/** The length of one period of each frequency, as SQL. */
const PERIOD = `CASE u.digest_frequency WHEN 'DAILY' THEN interval '1 day' ELSE interval '7 days' END`;

export interface DueDigest {
  userId: string;
  periodEnd: Date;
}

/**
 * Writes ledger rows (digests) for the given users whose period ended: the period ends at
 * `endSql` (an expression over the user row `u`), starts where their last digest ended (or one
 * period before), and is written only when no digest of theirs ends at or after that moment. The
 * primary key (user, period end) and the planners' advisory lock make each period's row once.
 */
async function insertDue(
  em: EntityManager,
  endSql: string,
  where: string,
  params: unknown[],
): Promise<DueDigest[]> {
  const rows: { user_id: string; period_end: Date }[] = await em.query(
    `WITH due AS (
       SELECT u.id, date_trunc('milliseconds', ${endSql}) AS period_end, ${PERIOD} AS period FROM ${usersSql.table} u
       WHERE u.email_verified_at IS NOT NULL AND u.digest_frequency <> 'OFF' AND ${where})
     INSERT INTO digests (user_id, period_end, period_start)
     SELECT d.id, d.period_end, coalesce((SELECT max(x.period_end) FROM digests x WHERE x.user_id = d.id), d.period_end - d.period)
     FROM due d
     WHERE d.period_end <= now() AND NOT EXISTS (SELECT 1 FROM digests x WHERE x.user_id = d.id AND x.period_end >= d.period_end)
     ON CONFLICT DO NOTHING
     RETURNING user_id, period_end`,
    params,
  );
  return rows.map((r) => ({ userId: r.user_id, periodEnd: r.period_end }));
}

/**
 * The scheduled end of each person's current period, in their time zone: DAILY at `hour` every
 * day, WEEKLY at `hour` on Mondays; the latest such moment that is not in the future.
 */
const scheduledEndSql = (hourParam: string) => `(
  SELECT CASE WHEN s.local_end > (now() AT TIME ZONE u.time_zone) THEN s.local_end - ${PERIOD} ELSE s.local_end END AT TIME ZONE u.time_zone
  FROM (SELECT date_trunc(CASE u.digest_frequency WHEN 'DAILY' THEN 'day' ELSE 'week' END, now() AT TIME ZONE u.time_zone) + make_interval(hours => ${hourParam}) AS local_end) s)`;

/** The scheduled planner, for one batch of users by id (keyset): the rows it wrote, and the last id looked at. */
export async function planScheduledBatch(
  em: EntityManager,
  hour: number,
  afterId: string,
  limit: number,
): Promise<{ due: DueDigest[]; lastId: string | null }> {
  const ids: { id: string }[] = await em.query(
    `SELECT id FROM ${usersSql.table} WHERE id > $1 AND email_verified_at IS NOT NULL AND digest_frequency <> 'OFF' ORDER BY id LIMIT $2`,
    [afterId, limit],
  );
  if (ids.length === 0) return { due: [], lastId: null };
  const due = await insertDue(em, scheduledEndSql('$2::int'), 'u.id = ANY($1::uuid[])', [
    ids.map((r) => r.id),
    hour,
  ]);
  return { due, lastId: ids[ids.length - 1].id };
}

/**
 * `npm run cli -- send-digests --now`: ends the current period now for everyone who gets a digest
 * and tells the worker (an outbox event, in the same transaction) to send what is due. Returns how
 * many periods were ended.
 */
export async function endPeriodNow(dataSource: DataSource): Promise<number> {
  return dataSource.transaction(async (em) => {
    await em.query('SELECT pg_advisory_xact_lock($1)', [DIGEST_PLAN_LOCK]);
    const due = await insertDue(em, 'now()', 'true', []);
    const [{ now }]: { now: Date }[] = await em.query('SELECT now() AS now');
    await new Outbox().add(em, DomainEvent.DigestsDue, { periodEnd: now.toISOString() });
    return due.length;
  });
}

/** Ledger rows not sent yet (to enqueue, or enqueue again after a lost job), in key order after `after`. */
export async function unsentDigests(
  em: EntityManager,
  after: DueDigest | null,
  limit: number,
): Promise<DueDigest[]> {
  const rows: { user_id: string; period_end: Date }[] = await em.query(
    `SELECT user_id, period_end FROM digests
     WHERE sent_at IS NULL AND ($1::uuid IS NULL OR (user_id, period_end) > ($1::uuid, $2::timestamptz))
     ORDER BY user_id, period_end LIMIT $3`,
    [after?.userId ?? null, after?.periodEnd ?? null, limit],
  );
  return rows.map((r) => ({ userId: r.user_id, periodEnd: r.period_end }));
}
