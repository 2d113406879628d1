import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { updatesSql } from '@causeway/updates';

/** The `reactions` table: one row per person and update. */
@Injectable()
export class ReactionsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Idempotent; true when the row is new. */
  async add(em: EntityManager, updateId: string, userId: string): Promise<boolean> {
    const inserted: unknown[] = await em.query(
      'INSERT INTO reactions (update_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING user_id',
      [updateId, userId],
    );
    return inserted.length > 0;
  }

  /** True when there was a row to remove. */
  async remove(em: EntityManager, updateId: string, userId: string): Promise<boolean> {
    const deleted: unknown[] = await em.query(
      'WITH d AS (DELETE FROM reactions WHERE update_id = $1 AND user_id = $2 RETURNING user_id) SELECT user_id FROM d',
      [updateId, userId],
    );
    return deleted.length > 0;
  }

  /** Account deletion: every reaction of the person, each update's count moving by exactly its rows. */
  async removeAllBy(em: EntityManager, userId: string): Promise<void> {
    await em.query(
      `WITH d AS (DELETE FROM reactions WHERE user_id = $1 RETURNING update_id),
            n AS (SELECT update_id, count(*)::int AS n FROM d GROUP BY 1)
       UPDATE ${updatesSql.table} u SET reaction_count = u.reaction_count - n.n FROM n WHERE u.id = n.update_id`,
      [userId],
    );
  }

  /** The author of the update, while the person's reaction to it and the update are there. */
  async visibleUpdateAuthor(updateId: string, userId: string): Promise<string | undefined> {
    const [u]: { author_id: string }[] = await this.db.query(
      `SELECT u.author_id FROM reactions r JOIN ${updatesSql.table} u ON u.id = r.update_id
       WHERE r.update_id = $1 AND r.user_id = $2 AND ${updatesSql.visible('u')}`,
      [updateId, userId],
    );
    return u?.author_id;
  }

  async reactedAmong(userId: string, updateIds: readonly string[]): Promise<Set<string>> {
    const rows: { update_id: string }[] = await this.db.query(
      'SELECT update_id FROM reactions WHERE user_id = $1 AND update_id = ANY($2::uuid[])',
      [userId, updateIds],
    );
    return new Set(rows.map((r) => r.update_id));
  }
}
