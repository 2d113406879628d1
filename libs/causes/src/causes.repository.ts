import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { CauseEntity } from './cause.entity';

/** What other libs need of `causes` besides the service's look-ups: the tree upwards, counters. */
@Injectable()
export class CausesRepository {
  constructor(@InjectRepository(CauseEntity) private readonly causes: Repository<CauseEntity>) {}

  private repo(em?: EntityManager): Repository<CauseEntity> {
    return em ? em.getRepository(CauseEntity) : this.causes;
  }

  async exists(id: string, em?: EntityManager): Promise<boolean> {
    return this.repo(em).exists({ where: { id } });
  }

  /** Moves the follower count atomically, in the follow's transaction. */
  async bumpFollowerCount(em: EntityManager, id: string, by: number): Promise<void> {
    await this.repo(em).increment({ id }, 'followerCount', by);
  }

  /** Each cause id with every ancestor of it (itself included): the tree walked upwards. */
  async withAncestors(ids: readonly string[], em?: EntityManager): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows: { id: string }[] = await this.repo(em).query(
      `WITH RECURSIVE up AS (
         SELECT id, parent_id FROM causes WHERE id = ANY($1::uuid[])
         UNION SELECT c.id, c.parent_id FROM causes c JOIN up ON c.id = up.parent_id)
       SELECT id FROM up`,
      [ids],
    );
    return rows.map((r) => r.id);
  }
}
