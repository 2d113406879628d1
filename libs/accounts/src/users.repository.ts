import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { UserEntity } from './user.entity';

/**
 * What other libs need of `users` (TypeORM): existence, row locks that order people against
 * each other, and the follow counters. Methods taking an EntityManager run in the caller's
 * transaction.
 */
@Injectable()
export class UsersRepository {
  constructor(@InjectRepository(UserEntity) private readonly users: Repository<UserEntity>) {}

  private repo(em?: EntityManager): Repository<UserEntity> {
    return em ? em.getRepository(UserEntity) : this.users;
  }

  async exists(id: string, em?: EntityManager): Promise<boolean> {
    return this.repo(em).exists({ where: { id } });
  }

  async idByHandle(handle: string, em?: EntityManager): Promise<string | undefined> {
    const user = await this.repo(em).findOne({
      where: { handle: handle.toLowerCase() },
      select: { id: true },
    });
    return user?.id;
  }

  /**
   * Locks the people's rows in id order (the order every lock of two people takes, so none
   * deadlocks) and returns them as they committed. FOR KEY SHARE lets counters move meanwhile;
   * FOR UPDATE (a block) waits for and excludes those.
   */
  async lockInIdOrder(
    em: EntityManager,
    ids: string[],
    mode: 'UPDATE' | 'KEY SHARE',
  ): Promise<{ id: string; deletedAt: Date | null }[]> {
    return this.repo(em)
      .createQueryBuilder('u')
      .select(['u.id', 'u.deletedAt'])
      .where({ id: In(ids) })
      .orderBy('u.id')
      .setLock(mode === 'UPDATE' ? 'pessimistic_write' : 'for_key_share')
      .getMany();
  }

  /**
   * Moves the followed person's follower count and the follower's following count by `by`, in one
   * statement (rows locked in index order: two people following each other at once cannot deadlock).
   */
  async moveFollowCounts(
    em: EntityManager,
    followedId: string,
    followerId: string,
    by: number,
  ): Promise<void> {
    await this.repo(em)
      .createQueryBuilder()
      .update()
      .set({
        followerCount: () =>
          `follower_count + CASE WHEN id = :followedId THEN CAST(:by AS int) ELSE 0 END`,
        followingCount: () =>
          `following_count + CASE WHEN id = :followerId THEN CAST(:by AS int) ELSE 0 END`,
      })
      .where('id IN (:followedId, :followerId)', { followedId, followerId, by })
      .execute();
  }
}
