import { EntityManager } from 'typeorm';
import { DomainError, isUuid } from '@causeway/common';
import { OrganizationRole } from '@causeway/organizations';

export interface EngageableUpdate {
  id: string;
  authorId: string;
  organizationId: string | null;
  /** The actor's role in the update's organization, if any. */
  actorRole: OrganizationRole | null;
}

/**
 * The update the actor wants to comment on or react to: it must exist and be visible (NOT_FOUND),
 * and neither its author nor the actor may have blocked the other (FORBIDDEN).
 */
export async function engageableUpdate(
  em: EntityManager,
  actorId: string,
  updateId: string,
): Promise<EngageableUpdate> {
  if (!isUuid(updateId)) throw DomainError.notFound('The update');
  // Like a follow: hold both people (in id order) against a concurrent blockUser, which locks them FOR UPDATE.
  await em.query(
    'SELECT id FROM users WHERE id = $2 OR id = (SELECT author_id FROM updates WHERE id = $1) ORDER BY id FOR KEY SHARE',
    [updateId, actorId],
  );
  const [u]: (EngageableUpdate & { blocked: boolean })[] = await em.query(
    `SELECT u.id, u.author_id AS "authorId", u.organization_id AS "organizationId", m.role AS "actorRole",
            EXISTS (SELECT 1 FROM user_blocks b WHERE (b.blocker_id = u.author_id AND b.blocked_id = $2)
                                                 OR (b.blocker_id = $2 AND b.blocked_id = u.author_id)) AS blocked
     FROM updates u LEFT JOIN organization_members m ON m.organization_id = u.organization_id AND m.user_id = $2
     WHERE u.id = $1 AND u.deleted_at IS NULL AND u.hidden_at IS NULL`,
    [updateId, actorId],
  );
  if (!u) throw DomainError.notFound('The update');
  if (u.blocked)
    throw DomainError.forbidden(
      "You cannot do that: you or the update's author has blocked the other.",
    );
  const { blocked: _b, ...update } = u;
  return update;
}
