import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { UsersRepository } from '@causeway/accounts';
import { BlocksRepository } from '@causeway/blocks';
import { CausesRepository } from '@causeway/causes';
import { decodeCursor, DomainError, isUuid, Page, toPage } from '@causeway/common';
import { OrganizationsRepository } from '@causeway/organizations';
import { DomainEvent, Outbox } from '@causeway/outbox';
import { Delivery, FollowSource } from './follow.entity';
import { FollowsRepository } from './follows.repository';

/** What to call each kind of source in NOT_FOUND. */
const SOURCE_NAME: Record<FollowSource, string> = {
  [FollowSource.CAUSE]: 'The cause',
  [FollowSource.ORGANIZATION]: 'The organization',
  [FollowSource.USER]: 'The user',
};

export interface FollowedItem {
  sourceId: string;
  createdAt: Date;
}

/**
 * Follows of causes, organizations and people. Follow and unfollow are idempotent; counts move by
 * atomic increments in the same transaction as the follow row, only when the row really changed,
 * so they are exact under any concurrency. Each real change writes an outbox event.
 */
@Injectable()
export class FollowsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly outbox: Outbox,
    private readonly users: UsersRepository,
    private readonly causes: CausesRepository,
    private readonly organizations: OrganizationsRepository,
    private readonly blocks: BlocksRepository,
    private readonly follows: FollowsRepository,
  ) {}

  async follow(followerId: string, kind: FollowSource, sourceId: string): Promise<void> {
    if (kind === FollowSource.USER && sourceId === followerId)
      throw DomainError.badInput({ id: 'is you: you cannot follow yourself' });
    await this.db.transaction(async (em) => {
      await this.assertSource(em, kind, sourceId);
      if (kind === FollowSource.USER) await this.assertNotBlocked(em, followerId, sourceId);
      if (!(await this.follows.add(em, followerId, kind, sourceId))) return;
      await this.count(em, kind, sourceId, followerId, +1);
      await this.outbox.add(em, DomainEvent.Followed, { followerId, sourceKind: kind, sourceId });
    });
  }

  async unfollow(followerId: string, kind: FollowSource, sourceId: string): Promise<void> {
    await this.db.transaction(async (em) => {
      await this.assertSource(em, kind, sourceId);
      await this.removeFollow(em, followerId, kind, sourceId);
    });
  }

  /** Deletes one follow inside the caller's transaction, with its counts and event; false when there was none. */
  async removeFollow(
    em: EntityManager,
    followerId: string,
    kind: FollowSource,
    sourceId: string,
  ): Promise<boolean> {
    if (!(await this.follows.remove(em, followerId, kind, sourceId))) return false;
    await this.count(em, kind, sourceId, followerId, -1);
    await this.outbox.add(em, DomainEvent.Unfollowed, { followerId, sourceKind: kind, sourceId });
    return true;
  }

  /**
   * Sets where a followed source's updates go for this follower, from the next update on. Only for
   * a source the follower follows: otherwise BAD_USER_INPUT.
   */
  async setDelivery(
    followerId: string,
    kind: FollowSource,
    sourceId: string,
    delivery: Delivery,
  ): Promise<void> {
    // A source id that is not a UUID names nothing followed: the same answer as any other.
    const changed =
      isUuid(sourceId) && (await this.follows.setDelivery(followerId, kind, sourceId, delivery));
    if (!changed) throw DomainError.badInput({ id: 'is not something you follow' });
  }

  /** The follower's delivery for each of `sourceIds` they follow (absent: not followed). */
  async deliveries(
    followerId: string,
    kind: FollowSource,
    sourceIds: readonly string[],
  ): Promise<Map<string, Delivery>> {
    const rows = await this.follows.deliveries(followerId, kind, sourceIds.filter(isUuid));
    return new Map(rows.map((r) => [r.source_id, r.delivery]));
  }

  /**
   * Account deletion: removes every follow by the person and of the person inside the caller's
   * transaction, moving each count by exactly the rows removed (set-based, one statement per side).
   */
  async removeAllOf(em: EntityManager, userId: string): Promise<void> {
    await this.follows.removeAllOf(em, userId);
  }

  /** Which of `sourceIds` the follower follows. */
  async following(
    followerId: string,
    kind: FollowSource,
    sourceIds: readonly string[],
  ): Promise<Set<string>> {
    return new Set(await this.follows.followingAmong(followerId, kind, sourceIds));
  }

  /** What the follower follows of one kind, most recently followed first. */
  async followed(
    followerId: string,
    kind: FollowSource,
    limit: number,
    after?: string | null,
  ): Promise<Page<FollowedItem>> {
    const before = after
      ? (decodeCursor(after, { list: 'followed', parts: ['time', 'uuid'] }).map(String) as [
          string,
          string,
        ])
      : null;
    const rows = await this.follows.followed(followerId, kind, limit + 1, before);
    const items = rows.map((r) => ({ sourceId: r.source_id, createdAt: r.created_at }));
    return toPage(items, limit, (f) => [f.createdAt.toISOString(), f.sourceId], 'followed');
  }

  /** For each source, its followers (newest accounts first): one LATERAL range scan per source. */
  async followerPages(
    kind: FollowSource,
    sourceIds: string[],
    limit: number,
    after: string | null,
  ): Promise<Map<string, Page<string>>> {
    const afterId = after
      ? String(decodeCursor(after, { list: `followers-of-${kind}`, parts: ['uuid'] })[0])
      : null;
    const rows = await this.follows.followerRows(kind, sourceIds, limit + 1, afterId);
    const pages = new Map<string, Page<string>>();
    for (const id of sourceIds) {
      pages.set(
        id,
        toPage(
          rows.filter((r) => r.source_id === id).map((r) => r.follower_id),
          limit,
          (f) => [f],
          `followers-of-${kind}`,
        ),
      );
    }
    return pages;
  }

  private async assertSource(
    em: EntityManager,
    kind: FollowSource,
    sourceId: string,
  ): Promise<void> {
    // A person is checked (and locked, with the follower, in id order) by assertNotBlocked.
    if (kind === FollowSource.USER) return;
    const exists =
      kind === FollowSource.CAUSE
        ? await this.causes.exists(sourceId, em)
        : await this.organizations.exists(sourceId, em);
    if (!exists) throw DomainError.notFound(SOURCE_NAME[kind]);
  }

  /**
   * The person followed must exist and not be erased (NOT_FOUND). Following is FORBIDDEN while either person blocks the other. Both rows are held FOR KEY SHARE
   * (compatible with the count updates, not with BlocksService.block's FOR UPDATE), so a block
   * cannot commit between this check and the follow.
   */
  private async assertNotBlocked(
    em: EntityManager,
    followerId: string,
    userId: string,
  ): Promise<void> {
    // Both rows in id order (the order every lock of two people takes, so no deadlock); the lock waits
    // for an account deletion in progress and then reads the row as it committed: an erased account
    // cannot be followed.
    const people = await this.users.lockInIdOrder(em, [followerId, userId], 'KEY SHARE');
    if (!people.some((p) => p.id === userId && p.deletedAt === null))
      throw DomainError.notFound(SOURCE_NAME[FollowSource.USER]);
    if (await this.blocks.eitherBlocks(followerId, userId, em))
      throw DomainError.forbidden(
        'You cannot follow this person: one of you has blocked the other.',
      );
  }

  /** Moves the source's follower count and, for people, the follower's following count. */
  private async count(
    em: EntityManager,
    kind: FollowSource,
    sourceId: string,
    followerId: string,
    by: 1 | -1,
  ): Promise<void> {
    if (kind === FollowSource.USER) await this.users.moveFollowCounts(em, sourceId, followerId, by);
    else if (kind === FollowSource.CAUSE) await this.causes.bumpFollowerCount(em, sourceId, by);
    else await this.organizations.bumpFollowerCount(em, sourceId, by);
  }
}
