import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { decodeCursor, DomainError, Page, toPage, uuidv7, withoutParent } from '@causeway/common';
import { Can, OrganizationsRepository } from '@causeway/organizations';
import { DomainEvent, Outbox } from '@causeway/outbox';
import { UpdatesRepository } from '@causeway/updates';
import { CommentEntity } from './comment.entity';
import { CommentsRepository, toComment } from './comments.repository';
import { EngagementGuard } from './engagement-guard';

const commentKey = (c: CommentEntity) => [c.createdAt.toISOString(), c.id];

/**
 * Comments on updates. `updates.comment_count` moves by atomic increments in the same transaction
 * as the comment row, only when a row really changed, so it is exact under any concurrency.
 */
@Injectable()
export class CommentsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly outbox: Outbox,
    private readonly comments: CommentsRepository,
    private readonly updates: UpdatesRepository,
    private readonly organizations: OrganizationsRepository,
    private readonly guard: EngagementGuard,
  ) {}

  /** On a visible update whose author and the actor have not blocked one another. */
  async add(actorId: string, updateId: string, body: string): Promise<CommentEntity> {
    const id = uuidv7();
    await this.db.transaction(async (em) => {
      await this.guard.engageableUpdate(em, actorId, updateId);
      await this.comments.insert(em, {
        id,
        updateId,
        authorId: actorId,
        body,
        createdAt: new Date(),
      });
      await this.updates.bumpCommentCount(em, updateId, +1);
      await this.outbox.add(em, DomainEvent.UpdateCommented, { commentId: id, updateId, actorId });
    });
    return (await this.byIds([id]))[0];
  }

  /** By its author, the update's author, or an ADMIN/OWNER of the update's organization. Twice is NOT_FOUND. */
  async delete(actorId: string, id: string): Promise<void> {
    await this.db.transaction(async (em) => {
      const c = await this.comments.visible(em, id);
      if (!c) throw DomainError.notFound('The comment');
      if (c.author_id !== actorId && !(await this.moderatesUpdate(em, actorId, c.update_id))) {
        throw DomainError.forbidden(
          "Only the comment's author, the update's author or an ADMIN or OWNER of its organization may delete it.",
        );
      }
      await this.takeDown(em, id, 'deleted_at');
    });
  }

  /**
   * Sets `deleted_at` or `hidden_at` on a visible comment and takes it out of the update's count,
   * inside the caller's transaction; false when it was already gone.
   */
  async takeDown(
    em: EntityManager,
    id: string,
    column: 'deleted_at' | 'hidden_at',
  ): Promise<boolean> {
    const updateId = await this.comments.takeDown(em, id, column);
    if (!updateId) return false;
    await this.updates.bumpCommentCount(em, updateId, -1);
    return true;
  }

  /** Whether the comment exists and is neither deleted nor hidden. */
  async isVisible(id: string, em?: EntityManager): Promise<boolean> {
    return (await this.comments.visible(em ?? this.db.manager, id)) !== undefined;
  }

  /**
   * Account deletion: deletes every comment of the person and erases its text; only comments that
   * were still counted (visible) leave their update's count.
   */
  async deleteAllBy(em: EntityManager, userId: string): Promise<void> {
    await this.comments.deleteAllBy(em, userId);
  }

  /** Whom UPDATE_COMMENTED notifies: the update's author, while the comment and the update are there. */
  updateAuthorOfVisibleComment(commentId: string): Promise<string | undefined> {
    return this.comments.visibleUpdateAuthor(commentId);
  }

  byIds(ids: readonly string[]): Promise<CommentEntity[]> {
    return this.comments.byIds(ids);
  }

  /**
   * Each update's visible comments, oldest first (conversation order), without those by people the
   * viewer blocked: one LATERAL range scan per update.
   */
  async pagesForUpdates(
    updateIds: string[],
    viewerId: string | null,
    limit: number,
    after: string | null,
  ): Promise<Map<string, Page<CommentEntity>>> {
    const cursor = after
      ? decodeCursor(after, { list: 'comments', parts: ['time', 'uuid'] }).map(String)
      : ['-infinity', '00000000-0000-0000-0000-000000000000'];
    const rows = await this.comments.pageRows(updateIds, viewerId, limit + 1, cursor);
    const pages = new Map<string, Page<CommentEntity>>();
    for (const updateId of updateIds) {
      const items = rows
        .filter((r) => r.parentId === updateId)
        .map((r) => toComment(withoutParent(r)));
      pages.set(updateId, toPage(items, limit, commentKey, 'comments'));
    }
    return pages;
  }

  /** The actor wrote the update, or is an ADMIN or OWNER of its organization. */
  private async moderatesUpdate(
    em: EntityManager,
    actorId: string,
    updateId: string,
  ): Promise<boolean> {
    const u = await this.updates.ownersOf(em, updateId);
    if (!u) return false;
    if (u.author_id === actorId) return true;
    return (
      u.organization_id !== null &&
      Can.moderate(await this.organizations.roleOf(u.organization_id, actorId, em))
    );
  }
}
