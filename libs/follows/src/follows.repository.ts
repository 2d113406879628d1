import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { FollowSource } from './follow.entity';

/** The follows the fan-out plans over (SQL: keyset ranges of the primary key, index-only scans). */
@Injectable()
export class FollowsRepository {
  /**
   * The follower `offset` places after `after` in follower-id order (the end of a range of
   * `offset + 1` followers), or undefined when fewer are left.
   */
  async followerAtOffset(
    em: EntityManager,
    kind: FollowSource,
    sourceId: string,
    after: string,
    offset: number,
  ): Promise<string | undefined> {
    const [edge]: { follower_id: string }[] = await em.query(
      `SELECT follower_id FROM follows WHERE source_kind = $1 AND source_id = $2 AND follower_id > $3::uuid
           ORDER BY follower_id OFFSET ${offset} LIMIT 1`,
      [kind, sourceId, after],
    );
    return edge?.follower_id;
  }

  /** Whether the source has any follower after `after` in follower-id order. */
  async hasFollowerAfter(
    em: EntityManager,
    kind: FollowSource,
    sourceId: string,
    after: string,
  ): Promise<boolean> {
    const [rest]: unknown[] = await em.query(
      'SELECT 1 FROM follows WHERE source_kind = $1 AND source_id = $2 AND follower_id > $3::uuid LIMIT 1',
      [kind, sourceId, after],
    );
    return rest !== undefined;
  }
}
