import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { usersSql } from '@causeway/accounts';
import { blocksSql } from '@causeway/blocks';
import { NotificationEntity } from './notification.entity';
import type { AddedNotification, NotificationInput } from './notifications.service';

const NOTIFICATION_COLUMNS = `n.id, n.recipient_id AS "recipientId", n.type, n.group_key AS "groupKey", n.actor_id AS "actorId",
  n.update_id AS "updateId", n.campaign_id AS "campaignId", n.organization_id AS "organizationId",
  n.event_count AS "eventCount", n.created_at AS "createdAt", n.read_at AS "readAt"`;

const toNotification = (row: Record<string, unknown>) =>
  Object.assign(new NotificationEntity(), row);

/** The inboxes (`notifications`) and the once-per-event ledger (`notification_receipts`), in SQL. */
@Injectable()
export class NotificationsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * One statement: the eligible recipients (existing, not the actor, not blocking the actor) not
   * notified of this event before get a notification, folded into their unread one of the same
   * group key when there is one.
   */
  insertForEvent(
    em: EntityManager,
    input: NotificationInput,
    groupKey: string,
  ): Promise<AddedNotification[]> {
    return em.query(
      `WITH eligible AS (
         SELECT DISTINCT u.id FROM ${usersSql.table} u
         WHERE u.id = ANY($2::uuid[]) AND u.id IS DISTINCT FROM $4::uuid
           AND ${blocksSql.notBlockedBy('u.id', '$4::uuid')}
       ), fresh AS (
         INSERT INTO notification_receipts (event_id, recipient_id) SELECT $1::uuid, id FROM eligible
         ON CONFLICT DO NOTHING RETURNING recipient_id
       )
       INSERT INTO notifications AS n (recipient_id, type, group_key, actor_id, update_id, campaign_id, organization_id, created_at)
       SELECT recipient_id, $3, $5, $4::uuid, $6::uuid, $7::uuid, $8::uuid, clock_timestamp() FROM fresh
       ON CONFLICT (recipient_id, type, group_key) WHERE read_at IS NULL DO UPDATE
         SET event_count = n.event_count + 1, actor_id = EXCLUDED.actor_id, created_at = GREATEST(n.created_at, EXCLUDED.created_at)
       RETURNING n.id AS "notificationId", n.recipient_id AS "recipientId"`,
      [
        input.eventId,
        input.recipientIds,
        input.type,
        input.actorId ?? null,
        groupKey,
        input.updateId ?? null,
        input.campaignId ?? null,
        input.organizationId ?? null,
      ],
    );
  }

  async removeAllFor(em: EntityManager, recipientId: string): Promise<void> {
    await em.query('DELETE FROM notifications WHERE recipient_id = $1', [recipientId]);
  }

  /** Up to `limit` of the recipient's notifications before (at, id), newest first. */
  async page(
    recipientId: string,
    limit: number,
    [at, id]: string[],
  ): Promise<NotificationEntity[]> {
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT ${NOTIFICATION_COLUMNS} FROM notifications n
       WHERE n.recipient_id = $1 AND (n.created_at, n.id) < ($2::timestamptz, $3::uuid)
       ORDER BY n.created_at DESC, n.id DESC LIMIT $4`,
      [recipientId, at, id, limit],
    );
    return rows.map(toNotification);
  }

  async byIdsFor(recipientId: string, ids: readonly string[]): Promise<NotificationEntity[]> {
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT ${NOTIFICATION_COLUMNS} FROM notifications n WHERE n.recipient_id = $1 AND n.id = ANY($2::uuid[])`,
      [recipientId, ids],
    );
    return rows.map(toNotification);
  }

  async unreadCounts(userIds: readonly string[]): Promise<Map<string, number>> {
    const rows: { recipient_id: string; n: number }[] = await this.db.query(
      `SELECT recipient_id, count(*)::int AS n FROM notifications WHERE recipient_id = ANY($1::uuid[]) AND read_at IS NULL GROUP BY recipient_id`,
      [userIds],
    );
    return new Map(rows.map((r) => [r.recipient_id, r.n]));
  }

  /** Marks the given (all, when null) unread notifications read; returns how many changed. */
  async markRead(recipientId: string, ids: readonly string[] | null): Promise<number> {
    const [{ n }]: { n: number }[] = await this.db.query(
      `WITH x AS (UPDATE notifications SET read_at = now()
                  WHERE recipient_id = $1 AND read_at IS NULL AND ($2::uuid[] IS NULL OR id = ANY($2::uuid[])) RETURNING 1)
       SELECT count(*)::int AS n FROM x`,
      [recipientId, ids],
    );
    return n;
  }
}
