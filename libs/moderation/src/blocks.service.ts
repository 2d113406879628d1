import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError, isUuid } from '@causeway/common';
import { FollowSource, FollowsService } from '@causeway/follows';

/**
 * Blocks. While A blocks B, B's updates and comments never appear to A, B cannot follow A nor
 * comment on or react to A's updates (and neither can A on B's), and follows either way are gone.
 */
@Injectable()
export class BlocksService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly follows: FollowsService,
  ) {}

  /**
   * Idempotent. Removes follows both ways in the same transaction (exact counts, Unfollowed events
   * for the feed). Both people's rows are locked FOR UPDATE first: FollowsService.follow holds
   * them FOR KEY SHARE while it checks for blocks, so a follow racing a block either lands
   * before (and is removed here) or sees the block (FORBIDDEN).
   */
  async block(blockerId: string, blockedId: string): Promise<void> {
    if (blockerId === blockedId)
      throw DomainError.badInput({ id: 'is you: you cannot block yourself' });
    if (!isUuid(blockedId)) throw DomainError.notFound('The user');
    await this.db.transaction(async (em) => {
      const locked: unknown[] = await em.query(
        'SELECT id FROM users WHERE id IN ($1, $2) ORDER BY id FOR UPDATE',
        [blockerId, blockedId],
      );
      if (locked.length < 2) throw DomainError.notFound('The user');
      await em.query(
        'INSERT INTO user_blocks (blocker_id, blocked_id) VALUES ($1, $2) ON CONFLICT DO NOTHING',
        [blockerId, blockedId],
      );
      await this.follows.removeFollow(em, blockerId, FollowSource.USER, blockedId);
      await this.follows.removeFollow(em, blockedId, FollowSource.USER, blockerId);
    });
  }

  /** Idempotent; unknown people are NOT_FOUND. Follows removed by the block stay removed. */
  /** Account deletion: every block by or of the person. */
  async removeAllOf(em: EntityManager, userId: string): Promise<void> {
    await em.query('DELETE FROM user_blocks WHERE blocker_id = $1 OR blocked_id = $1', [userId]);
  }

  async unblock(blockerId: string, blockedId: string): Promise<void> {
    if (!isUuid(blockedId)) throw DomainError.notFound('The user');
    const [exists]: unknown[] = await this.db.query('SELECT 1 FROM users WHERE id = $1', [
      blockedId,
    ]);
    if (!exists) throw DomainError.notFound('The user');
    await this.db.query('DELETE FROM user_blocks WHERE blocker_id = $1 AND blocked_id = $2', [
      blockerId,
      blockedId,
    ]);
  }
}
