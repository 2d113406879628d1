import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { usersSql } from '@causeway/accounts';
import { blocksSql } from '@causeway/blocks';
import { decodeCursor, Page, toPage } from '@causeway/common';
import { OrganizationRole, OrganizationsRepository } from '@causeway/organizations';
import { EventBus, Topics } from '@causeway/queue';
import { NotificationEntity, NotificationType } from './notification.entity';

const { OWNER, ADMIN, EDITOR } = OrganizationRole;

/** What to tell whom, about which domain event (the outbox row id: a retried job passes the same one). */
export interface NotificationInput {
  eventId: string;
  type: NotificationType;
  recipientIds: readonly string[];
  /** Who did it: never notified of their own action, and recipients who blocked them hear nothing. */
  actorId?: string | null;
  updateId?: string | null;
  campaignId?: string | null;
  organizationId?: string | null;
}

/** A notification that was created, or that folded in a new event: for `notificationAdded`. */
export interface AddedNotification {
  notificationId: string;
  recipientId: string;
}

/**
 * Types whose unread notifications about the same subject (update, campaign, organization, or the
 * recipient themself) fold into one row, so a burst (500 pledges in a minute, a viral update)
 * stays one line with a count. The others are rare and each keeps its own row.
 */
const GROUPED = new Set([
  NotificationType.NEW_FOLLOWER,
  NotificationType.UPDATE_COMMENTED,
  NotificationType.UPDATE_REACTED,
  NotificationType.PLEDGE_RECEIVED,
]);

const groupKeyOf = (n: NotificationInput) =>
  GROUPED.has(n.type)
    ? `${n.updateId ?? '-'}|${n.campaignId ?? '-'}|${n.organizationId ?? '-'}`
    : `event|${n.eventId}`;

const NOTIFICATION_COLUMNS = `n.id, n.recipient_id AS "recipientId", n.type, n.group_key AS "groupKey", n.actor_id AS "actorId",
  n.update_id AS "updateId", n.campaign_id AS "campaignId", n.organization_id AS "organizationId",
  n.event_count AS "eventCount", n.created_at AS "createdAt", n.read_at AS "readAt"`;

const toNotification = (row: Record<string, unknown>) =>
  Object.assign(new NotificationEntity(), row);

/**
 * Inboxes. Notifications are made in the worker from domain events: `send` (or `notify` inside a
 * transaction of the caller's, then `published`) writes them at most once per (event, recipient)
 * (the notification_receipts ledger), never to the actor, and pushes `notificationAdded` after commit.
 */
@Injectable()
export class NotificationsService {
  private readonly logger = new Logger(NotificationsService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly bus: EventBus,
    private readonly organizations: OrganizationsRepository,
  ) {}

  /**
   * Notifies in one transaction, then publishes what changed on the event bus. Idempotent per
   * (eventId, recipient): running it again for the same event changes and publishes nothing.
   */
  async send(input: NotificationInput): Promise<AddedNotification[]> {
    const added = await this.db.transaction((em) => this.notify(em, input));
    await this.published(added);
    return added;
  }

  /**
   * Writes the notifications of one event inside the caller's transaction; the caller calls
   * `published(result)` after commit. Recipients are deduplicated; the actor, unknown users and
   * recipients who blocked the actor are skipped; (event, recipient) pairs seen before are skipped.
   */
  async notify(em: EntityManager, input: NotificationInput): Promise<AddedNotification[]> {
    if (input.recipientIds.length === 0) return [];
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
        groupKeyOf(input),
        input.updateId ?? null,
        input.campaignId ?? null,
        input.organizationId ?? null,
      ],
    );
  }

  /** Pushes `notificationAdded` for notifications whose transaction has committed (ids only). */
  async published(added: AddedNotification[]): Promise<void> {
    if (added.length === 0) return;
    try {
      await this.bus.publishMany(
        added.map((a) => ({ topic: Topics.notificationAdded, message: a })),
      );
    } catch (err) {
      // The inbox is the truth; a lost live push is shown on the next read.
      this.logger.warn(`notificationAdded not published: ${(err as Error).message}`);
    }
  }

  /** OWNERs and ADMINs of the organization (PLEDGE_RECEIVED, NEW_FOLLOWER of an organization). */
  managersOf(organizationId: string, em?: EntityManager): Promise<string[]> {
    return this.membersWithRoles(organizationId, [OWNER, ADMIN], em);
  }

  /** OWNERs of the organization (ORGANIZATION_VERIFIED). */
  ownersOf(organizationId: string, em?: EntityManager): Promise<string[]> {
    return this.membersWithRoles(organizationId, [OWNER], em);
  }

  /** Every member of the organization, whatever the role (CAMPAIGN_GOAL_REACHED). */
  membersOf(organizationId: string, em?: EntityManager): Promise<string[]> {
    return this.membersWithRoles(organizationId, [OWNER, ADMIN, EDITOR], em);
  }

  /** The viewer's notifications, newest first (by their latest event), keyset-paginated. */
  /** Account deletion: the person's inbox. */
  async removeAllFor(em: EntityManager, recipientId: string): Promise<void> {
    await em.query('DELETE FROM notifications WHERE recipient_id = $1', [recipientId]);
  }

  async list(
    recipientId: string,
    limit: number,
    after?: string | null,
  ): Promise<Page<NotificationEntity>> {
    const [at, id] = after
      ? decodeCursor(after, { list: 'notifications', parts: ['time', 'uuid'] }).map(String)
      : ['infinity', 'ffffffff-ffff-ffff-ffff-ffffffffffff'];
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT ${NOTIFICATION_COLUMNS} FROM notifications n
       WHERE n.recipient_id = $1 AND (n.created_at, n.id) < ($2::timestamptz, $3::uuid)
       ORDER BY n.created_at DESC, n.id DESC LIMIT $4`,
      [recipientId, at, id, limit + 1],
    );
    return toPage(
      rows.map(toNotification),
      limit,
      (n) => [n.createdAt.toISOString(), n.id],
      'notifications',
    );
  }

  /** The recipient's notifications among `ids` (others' are never returned). */
  async byIdsFor(recipientId: string, ids: readonly string[]): Promise<NotificationEntity[]> {
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT ${NOTIFICATION_COLUMNS} FROM notifications n WHERE n.recipient_id = $1 AND n.id = ANY($2::uuid[])`,
      [recipientId, ids],
    );
    return rows.map(toNotification);
  }

  /** How many unread notifications each user has. */
  async unreadCounts(userIds: readonly string[]): Promise<Map<string, number>> {
    const rows: { recipient_id: string; n: number }[] = await this.db.query(
      `SELECT recipient_id, count(*)::int AS n FROM notifications WHERE recipient_id = ANY($1::uuid[]) AND read_at IS NULL GROUP BY recipient_id`,
      [userIds],
    );
    return new Map(rows.map((r) => [r.recipient_id, r.n]));
  }

  /** Marks the given (or, when `ids` is null, all) unread notifications read; returns how many changed. */
  async markRead(recipientId: string, ids: readonly string[] | null): Promise<number> {
    const [{ n }]: { n: number }[] = await this.db.query(
      `WITH x AS (UPDATE notifications SET read_at = now()
                  WHERE recipient_id = $1 AND read_at IS NULL AND ($2::uuid[] IS NULL OR id = ANY($2::uuid[])) RETURNING 1)
       SELECT count(*)::int AS n FROM x`,
      [recipientId, ids],
    );
    return n;
  }

  private membersWithRoles(
    organizationId: string,
    roles: OrganizationRole[],
    em?: EntityManager,
  ): Promise<string[]> {
    return this.organizations.memberIdsWithRoles(organizationId, roles, em);
  }
}
