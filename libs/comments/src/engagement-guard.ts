import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { UsersRepository } from '@causeway/accounts';
import { BlocksRepository } from '@causeway/blocks';
import { DomainError } from '@causeway/common';
import { OrganizationRole, OrganizationsRepository } from '@causeway/organizations';
import { UpdatesRepository } from '@causeway/updates';

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
@Injectable()
export class EngagementGuard {
  constructor(
    private readonly updates: UpdatesRepository,
    private readonly users: UsersRepository,
    private readonly blocks: BlocksRepository,
    private readonly organizations: OrganizationsRepository,
  ) {}

  async engageableUpdate(
    em: EntityManager,
    actorId: string,
    updateId: string,
  ): Promise<EngageableUpdate> {
    // Like a follow: hold both people (in id order) against a concurrent blockUser, which locks them FOR UPDATE.
    const authorId = await this.updates.authorOf(em, updateId);
    await this.users.lockInIdOrder(em, authorId ? [actorId, authorId] : [actorId], 'KEY SHARE');
    const u = await this.updates.visibleAuthor(em, updateId);
    if (!u) throw DomainError.notFound('The update');
    if (await this.blocks.eitherBlocks(u.authorId, actorId, em))
      throw DomainError.forbidden(
        "You cannot do that: you or the update's author has blocked the other.",
      );
    const actorRole = u.organizationId
      ? await this.organizations.roleOf(u.organizationId, actorId, em)
      : null;
    return { ...u, actorRole };
  }
}
