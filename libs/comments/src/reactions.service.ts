import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError } from '@causeway/common';
import { DomainEvent, Outbox } from '@causeway/outbox';
import { UpdatesRepository } from '@causeway/updates';
import { EngagementGuard } from './engagement-guard';
import { ReactionsRepository } from './reactions.repository';

/**
 * One reaction per person and update. react and unreact are idempotent; `updates.reaction_count`
 * moves by an atomic increment in the same transaction, only when the reaction row really changed.
 */
@Injectable()
export class ReactionsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly outbox: Outbox,
    private readonly reactions: ReactionsRepository,
    private readonly updates: UpdatesRepository,
    private readonly guard: EngagementGuard,
  ) {}

  async react(actorId: string, updateId: string): Promise<void> {
    await this.db.transaction(async (em) => {
      await this.guard.engageableUpdate(em, actorId, updateId);
      if (!(await this.reactions.add(em, updateId, actorId))) return;
      await this.updates.bumpReactionCount(em, updateId, +1);
      await this.outbox.add(em, DomainEvent.UpdateReacted, { updateId, actorId });
    });
  }

  /** Allowed whatever the blocks: taking a reaction back never hurts anyone. */
  async unreact(actorId: string, updateId: string): Promise<void> {
    await this.db.transaction(async (em) => {
      if (!(await this.updates.isVisible(updateId, em))) throw DomainError.notFound('The update');
      if (await this.reactions.remove(em, updateId, actorId))
        await this.updates.bumpReactionCount(em, updateId, -1);
    });
  }

  /** Account deletion: removes every reaction of the person, each update's count moving by exactly its rows. */
  async removeAllBy(em: EntityManager, userId: string): Promise<void> {
    await this.reactions.removeAllBy(em, userId);
  }

  /** Whom UPDATE_REACTED notifies: the update's author, while the reaction and the update are there. */
  updateAuthorIfReacted(updateId: string, userId: string): Promise<string | undefined> {
    return this.reactions.visibleUpdateAuthor(updateId, userId);
  }

  /** Which of `updateIds` the user has reacted to. */
  reactedAmong(userId: string, updateIds: readonly string[]): Promise<Set<string>> {
    return this.reactions.reactedAmong(userId, updateIds);
  }
}
