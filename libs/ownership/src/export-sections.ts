import { EntityManager } from 'typeorm';
import { AccountsRetention } from '@causeway/accounts/retention.repository';
import { CausesRetention } from '@causeway/causes/retention.repository';
import { CommentsRetention } from '@causeway/comments/retention.repository';
import { FollowsRetention } from '@causeway/follows/retention.repository';
import { NotificationsRetention } from '@causeway/notifications/retention.repository';
import { OrganizationsRetention } from '@causeway/organizations/retention.repository';
import { PledgesRetention } from '@causeway/pledges/retention.repository';
import { UpdatesRetention } from '@causeway/updates/retention.repository';

/** One section of an archive: the person's rows, read by their owning lib in keyset batches. */
export interface ExportSection {
  name: string;
  /** The batch after keyset value `after` (null: the first); each row carries `k`, its keyset value, which the archive leaves out. */
  read(
    em: EntityManager,
    userId: string,
    after: string | null,
    limit: number,
  ): Promise<Record<string, unknown>[]>;
}

/**
 * What the archive holds, in this order: what the person made, follows and pledged, and their
 * notifications. Another person appears only by public id, handle or name, never by email.
 */
export const EXPORT_SECTIONS: readonly ExportSection[] = [
  {
    name: 'follows',
    async read(em, userId, after, limit) {
      const rows = await FollowsRetention.followingFor(em, userId, after, limit);
      const idsOf = (kind: string) => rows.filter((r) => r.kind === kind).map((r) => r.id);
      // Keyed like the rows' `k` (kind:id): a source is named by its own lib.
      const labels = new Map<string, { slugOrHandle: string; name: string }>();
      for (const [id, c] of await CausesRetention.labelsOf(em, idsOf('CAUSE')))
        labels.set(`CAUSE:${id}`, { slugOrHandle: c.slug, name: c.name });
      for (const [id, o] of await OrganizationsRetention.labelsOf(em, idsOf('ORGANIZATION')))
        labels.set(`ORGANIZATION:${id}`, { slugOrHandle: o.slug, name: o.name });
      for (const [id, p] of await AccountsRetention.labelsOf(em, idsOf('USER')))
        labels.set(`USER:${id}`, { slugOrHandle: p.handle, name: p.name });
      return rows.map(({ k, kind, id, delivery, followedAt }) => ({
        k,
        kind,
        id,
        slugOrHandle: labels.get(k)?.slugOrHandle ?? null,
        name: labels.get(k)?.name ?? null,
        delivery,
        followedAt,
      }));
    },
  },
  { name: 'organizations', read: (...a) => OrganizationsRetention.membershipsFor(...a) },
  { name: 'updates', read: (...a) => UpdatesRetention.authoredBy(...a) },
  { name: 'comments', read: (...a) => CommentsRetention.commentsBy(...a) },
  { name: 'reactions', read: (...a) => CommentsRetention.reactionsBy(...a) },
  { name: 'pledges', read: (...a) => PledgesRetention.pledgesBy(...a) },
  {
    name: 'notifications',
    async read(em, userId, after, limit) {
      const rows = await NotificationsRetention.receivedBy(em, userId, after, limit);
      const actorIds = [...new Set(rows.flatMap((r) => (r.actorId ? [r.actorId] : [])))];
      const actors = await AccountsRetention.labelsOf(em, actorIds);
      // Field by field: the archive keeps its field order (the actor's handle in the actor's place).
      return rows.map(({ actorId, ...n }) => ({
        k: n.k,
        id: n.id,
        type: n.type,
        eventCount: n.eventCount,
        actorHandle: actorId ? (actors.get(actorId)?.handle ?? null) : null,
        updateId: n.updateId,
        campaignId: n.campaignId,
        organizationId: n.organizationId,
        createdAt: n.createdAt,
        readAt: n.readAt,
      }));
    },
  },
];
