import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Page, toPage } from '@causeway/common';
import { toUpdate, updateCursor, UpdateEntity, updateKey } from '@causeway/updates';
import { FeedRepository } from './feed.repository';

/** Reading the home feed. */
@Injectable()
export class FeedService {
  constructor(private readonly feed: FeedRepository) {}

  /** Account deletion: the person's home feed. */
  async clear(em: EntityManager, userId: string): Promise<void> {
    await this.feed.clear(em, userId);
  }

  /**
   * One page of the viewer's feed, newest first: one statement, a backward range scan of the
   * feed's primary key (user, createdAt, updateId) joined to the updates it names. Cursors are
   * positions (createdAt, id), so updates arriving meanwhile never shift a page.
   */
  async page(userId: string, limit: number, after?: string | null): Promise<Page<UpdateEntity>> {
    const [at, id] = updateCursor(after, 'feed');
    const rows = await this.feed.page(userId, at, id, limit + 1);
    return toPage(rows.map(toUpdate), limit, updateKey, 'feed');
  }
}
