import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError, isUuid } from '@causeway/common';
import { DomainEvent, Outbox } from '@causeway/outbox';
import { engageableUpdate } from './engagement-guard';

/**
 * One reaction per person and update. react and unreact are idempotent; `updates.reaction_count`
 * moves by an atomic increment in the same transaction, only when the reaction row really changed.
 */
@Injectable()
export class ReactionsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly outbox: Outbox,
  ) {}

  async react(actorId: string, updateId: string): Promise<void> {
    await this.db.transaction(async (em) => {
      await engageableUpdate(em, actorId, updateId);
      const inserted: unknown[] = await em.query(
        'INSERT INTO reactions (update_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING user_id',
        [updateId, actorId],
      );
      if (inserted.length === 0) return;
      await em.query('UPDATE updates SET reaction_count = reaction_count + 1 WHERE id = $1', [
        updateId,
      ]);
      await this.outbox.add(em, DomainEvent.UpdateReacted, { updateId, actorId });
    });
  }

  /** Allowed whatever the blocks: taking a reaction back never hurts anyone. */
  async unreact(actorId: string, updateId: string): Promise<void> {
    if (!isUuid(updateId)) throw DomainError.notFound('The update');
    await this.db.transaction(async (em) => {
      const [update]: unknown[] = await em.query(
        'SELECT 1 FROM updates WHERE id = $1 AND deleted_at IS NULL AND hidden_at IS NULL',
        [updateId],
      );
      if (!update) throw DomainError.notFound('The update');
      const deleted: unknown[] = await em.query(
        'WITH d AS (DELETE FROM reactions WHERE update_id = $1 AND user_id = $2 RETURNING user_id) SELECT user_id FROM d',
        [updateId, actorId],
      );
      if (deleted.length > 0)
        await em.query('UPDATE updates SET reaction_count = reaction_count - 1 WHERE id = $1', [
          updateId,
        ]);
    });
  }

  /** Which of `updateIds` the user has reacted to. */
  /** Account deletion: removes every reaction of the person, each update's count moving by exactly its rows. */
  async removeAllBy(em: EntityManager, userId: string): Promise<void> {
    await em.query(
      `WITH d AS (DELETE FROM reactions WHERE user_id = $1 RETURNING update_id),
            n AS (SELECT update_id, count(*)::int AS n FROM d GROUP BY 1)
       UPDATE updates u SET reaction_count = u.reaction_count - n.n FROM n WHERE u.id = n.update_id`,
      [userId],
    );
  }

  async reactedAmong(userId: string, updateIds: readonly string[]): Promise<Set<string>> {
    const rows: { update_id: string }[] = await this.db.query(
      'SELECT update_id FROM reactions WHERE user_id = $1 AND update_id = ANY($2::uuid[])',
      [userId, updateIds],
    );
    return new Set(rows.map((r) => r.update_id));
  }
}
