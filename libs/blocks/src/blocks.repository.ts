import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { UserBlockEntity } from './user-block.entity';

/** The `user_blocks` table: who blocks whom. */
@Injectable()
export class BlocksRepository {
  constructor(
    @InjectRepository(UserBlockEntity) private readonly blocks: Repository<UserBlockEntity>,
  ) {}

  private repo(em?: EntityManager): Repository<UserBlockEntity> {
    return em ? em.getRepository(UserBlockEntity) : this.blocks;
  }

  /** Idempotent. */
  async add(em: EntityManager, blockerId: string, blockedId: string): Promise<void> {
    await this.repo(em)
      .createQueryBuilder()
      .insert()
      .values({ blockerId, blockedId })
      .orIgnore()
      .execute();
  }

  async remove(blockerId: string, blockedId: string, em?: EntityManager): Promise<void> {
    await this.repo(em).delete({ blockerId, blockedId });
  }

  /** Account deletion: every block by or of the person. */
  async removeAllOf(em: EntityManager, userId: string): Promise<void> {
    await this.repo(em)
      .createQueryBuilder()
      .delete()
      .where('blocker_id = :userId OR blocked_id = :userId', { userId })
      .execute();
  }

  /** Whether either person blocks the other. */
  async eitherBlocks(a: string, b: string, em?: EntityManager): Promise<boolean> {
    return this.repo(em).exists({
      where: [
        { blockerId: a, blockedId: b },
        { blockerId: b, blockedId: a },
      ],
    });
  }
}
