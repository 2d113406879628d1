import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { decodeCursor, Page, toPage } from '@causeway/common';
import { OrganizationRole, OrganizationsRepository } from '@causeway/organizations';
import { EventBus, Topics } from '@causeway/queue';
import { groupKeyOf } from './notification-grouping';
import { NotificationEntity, NotificationType } from './notification.entity';
import { NotificationsRepository } from './notifications.repository';

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
    private readonly notifications: NotificationsRepository,
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
    return this.notifications.insertForEvent(em, input, groupKeyOf(input));
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
    await this.notifications.removeAllFor(em, recipientId);
  }

  async list(
    recipientId: string,
    limit: number,
    after?: string | null,
  ): Promise<Page<NotificationEntity>> {
    const cursor = after
      ? decodeCursor(after, { list: 'notifications', parts: ['time', 'uuid'] }).map(String)
      : ['infinity', 'ffffffff-ffff-ffff-ffff-ffffffffffff'];
    const rows = await this.notifications.page(recipientId, limit + 1, cursor);
    return toPage(rows, limit, (n) => [n.createdAt.toISOString(), n.id], 'notifications');
  }

  /** The recipient's notifications among `ids` (others' are never returned). */
  async byIdsFor(recipientId: string, ids: readonly string[]): Promise<NotificationEntity[]> {
    return this.notifications.byIdsFor(recipientId, ids);
  }

  /** How many unread notifications each user has. */
  async unreadCounts(userIds: readonly string[]): Promise<Map<string, number>> {
    return this.notifications.unreadCounts(userIds);
  }

  /** Marks the given (or, when `ids` is null, all) unread notifications read; returns how many changed. */
  async markRead(recipientId: string, ids: readonly string[] | null): Promise<number> {
    return this.notifications.markRead(recipientId, ids);
  }

  private membersWithRoles(
    organizationId: string,
    roles: OrganizationRole[],
    em?: EntityManager,
  ): Promise<string[]> {
    return this.organizations.memberIdsWithRoles(organizationId, roles, em);
  }
}
