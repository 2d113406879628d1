import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Page, toPage } from '@causeway/common';
import {
  toUpdate,
  UPDATE_COLUMNS,
  updateCursor,
  UpdateEntity,
  updateKey,
  visibleUpdateSql,
} from '@causeway/updates';

/** Reading the home feed. */
@Injectable()
export class FeedService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * One page of the viewer's feed, newest first: one statement, a backward range scan of the
   * feed's primary key (user, createdAt, updateId) joined to the updates it names. Cursors are
   * positions (createdAt, id), so updates arriving meanwhile never shift a page.
   */
  /** Account deletion: the person's home feed. */
  async clear(em: EntityManager, userId: string): Promise<void> {
    await em.query('DELETE FROM feed_entries WHERE user_id = $1', [userId]);
  }

  async page(userId: string, limit: number, after?: string | null): Promise<Page<UpdateEntity>> {
    const [at, id] = updateCursor(after, 'feed');
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT ${UPDATE_COLUMNS()} FROM feed_entries f JOIN updates u ON u.id = f.update_id
       WHERE f.user_id = $1 AND (f.created_at, f.update_id) < ($2::timestamptz, $3::uuid) AND ${visibleUpdateSql('$1')}
       ORDER BY f.created_at DESC, f.update_id DESC LIMIT $4`,
      [userId, at, id, limit + 1],
    );
    return toPage(rows.map(toUpdate), limit, updateKey, 'feed');
  }
}
