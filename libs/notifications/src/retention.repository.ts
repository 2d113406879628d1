import { EntityManager } from 'typeorm';

/** Receipts (which event already notified whom) outlive any retry of their event by far. */
export const NOTIFICATION_RECEIPTS_KEPT_MS = 7 * 24 * 3600_000;

/** The notifications' part in a person's data export and in housekeeping. */
export const NotificationsRetention = {
  /**
   * The person's notifications, one keyset batch by id (from the start when `after` is null);
   * rows carry `k`, their keyset value, and name the actor by id only.
   */
  async receivedBy(
    em: EntityManager,
    userId: string,
    after: string | null,
    limit: number,
  ): Promise<
    {
      k: string;
      id: string;
      type: string;
      eventCount: number;
      actorId: string | null;
      updateId: string | null;
      campaignId: string | null;
      organizationId: string | null;
      createdAt: Date;
      readAt: Date | null;
    }[]
  > {
    return em.query(
      `SELECT id::text AS k, id, type, event_count AS "eventCount", actor_id AS "actorId", update_id AS "updateId",
              campaign_id AS "campaignId", organization_id AS "organizationId", created_at AS "createdAt", read_at AS "readAt"
       FROM notifications
       WHERE recipient_id = $1 AND ($2::text IS NULL OR id > $2::uuid) ORDER BY id LIMIT $3`,
      [userId, after, limit],
    );
  },

  /** Deletes up to `limit` receipts written before `before`; returns how many went. */
  async purgeReceipts(em: EntityManager, before: Date, limit: number): Promise<number> {
    const [{ n }]: { n: number }[] = await em.query(
      `WITH d AS (DELETE FROM notification_receipts WHERE ctid IN (SELECT ctid FROM notification_receipts WHERE created_at < $1 LIMIT $2) RETURNING 1)
       SELECT count(*)::int AS n FROM d`,
      [before, limit],
    );
    return n;
  },
};
