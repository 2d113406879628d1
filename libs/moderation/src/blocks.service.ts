import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { UsersRepository } from '@causeway/accounts';
import { BlocksRepository } from '@causeway/blocks';
import { DomainError } from '@causeway/common';
import { FollowSource, FollowsService } from '@causeway/follows';

/**
 * Blocking and unblocking (the `blocks` lib owns the table and the rule). While A blocks B, B's
 * updates and comments never appear to A, B cannot follow A nor comment on or react to A's updates
 * (and neither can A on B's), and follows either way are gone.
 */
@Injectable()
export class BlocksService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly follows: FollowsService,
    private readonly blocks: BlocksRepository,
    private readonly users: UsersRepository,
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
    await this.db.transaction(async (em) => {
      const locked = await this.users.lockInIdOrder(em, [blockerId, blockedId], 'UPDATE');
      if (locked.length < 2) throw DomainError.notFound('The user');
      await this.blocks.add(em, blockerId, blockedId);
      await this.follows.removeFollow(em, blockerId, FollowSource.USER, blockedId);
      await this.follows.removeFollow(em, blockedId, FollowSource.USER, blockerId);
    });
  }

  /** Account deletion: every block by or of the person. */
  async removeAllOf(em: EntityManager, userId: string): Promise<void> {
    await this.blocks.removeAllOf(em, userId);
  }

  /** Idempotent; unknown people are NOT_FOUND. Follows removed by the block stay removed. */
  async unblock(blockerId: string, blockedId: string): Promise<void> {
    if (!(await this.users.exists(blockedId))) throw DomainError.notFound('The user');
    await this.blocks.remove(blockerId, blockedId);
  }
}
