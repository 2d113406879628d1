import { Inject, Injectable, Logger } from '@nestjs/common';
import { queueConfig, QueueConfig } from '@causeway/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CausesService } from '@causeway/causes';
import { FollowSource, followsSql, FollowsRepository } from '@causeway/follows';
import { FollowEventData, Outbox } from '@causeway/outbox';
import { EventBus, Topics } from '@causeway/queue';
import { fanOutLag } from '@causeway/observability';
import { FanOutUpdate, UpdatesRepository } from '@causeway/updates';
import { ChunkRow, FanOutRepository } from './fan-out.repository';
import { FeedRepository } from './feed.repository';

/** What following a source copies into the follower's feed. */
export const BACKFILL = 20;
/** Receivers per live-feed message (PostgreSQL NOTIFY caps a message at 8 kB). */
const PUBLISH_BATCH = 100;
const MIN_UUID = '00000000-0000-0000-0000-000000000000';

export interface FeedItemsMessage {
  updateId: string;
  userIds: string[];
}

/**
 * The fan-out of an update to its receivers' feeds, in the worker. The root job plans chunks once
 * (a ledger in `fanout_chunks`, so a re-run re-enqueues what is not done rather than re-planning);
 * each chunk is one set-based INSERT ... SELECT ... ON CONFLICT DO NOTHING over a keyset range of
 * one source's followers, marked done in the same transaction. Everything is safe to run twice.
 */
@Injectable()
export class FanOutService {
  private readonly logger = new Logger(FanOutService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly causes: CausesService,
    private readonly updates: UpdatesRepository,
    private readonly follows: FollowsRepository,
    private readonly chunks: FanOutRepository,
    private readonly feed: FeedRepository,
    private readonly outbox: Outbox,
    private readonly bus: EventBus,
    @Inject(queueConfig.KEY) private readonly config: QueueConfig,
  ) {}

  /**
   * Plans the chunks (first run only), delivers to the author, and returns the seqs of the chunks
   * still to deliver (none when the fan-out is finished or the update is gone).
   */
  async plan(updateId: string, eventId: string): Promise<{ pending: number[] }> {
    const { pending, live } = await this.db.transaction(async (em) => {
      const update = await this.lockUpdate(em, updateId);
      if (!update || update.gone) {
        await this.complete(em, updateId, eventId);
        return { pending: [], live: [] };
      }
      let chunks = await this.chunks.chunks(em, updateId);
      let live: string[] = [];
      if (chunks.length === 0) {
        live = await this.chunks.insertEntries(
          em,
          update,
          `SELECT $3::uuid AS user_id, 'HOME'::follow_delivery AS delivery`,
          [update.author_id],
        );
        chunks = await this.planChunks(em, update);
      }
      const pending = chunks.filter((c) => !c.done_at).map((c) => c.seq);
      if (pending.length === 0) await this.finish(em, updateId, eventId);
      return { pending, live };
    });
    await this.publish(updateId, live);
    return { pending };
  }

  /**
   * Delivers one chunk: one statement over a range of one source's followers, inserting the HOME
   * followers' feed entries and the DIGEST followers' digest entries (MUTED: neither).
   */
  async deliver(updateId: string, eventId: string, seq: number): Promise<void> {
    const live = await this.db.transaction(async (em) => {
      const chunk = await this.chunks.lockChunk(em, updateId, seq);
      if (!chunk || chunk.done_at) return [];
      const update = await this.updates.forFanOut(em, updateId, false);
      let live: string[] = [];
      if (update && !update.gone) {
        live = await this.chunks.insertEntries(
          em,
          update,
          followsSql.receiversInRange('$3', '$4', '$5', '$6'),
          [chunk.source_kind, chunk.source_id, chunk.after_follower, chunk.last_follower],
        );
      }
      await this.chunks.markChunkDone(em, updateId, seq);
      // Chunks of one update finish one at a time here, so exactly one of them sees none left.
      await this.lockUpdate(em, updateId);
      if ((await this.chunks.chunksLeft(em, updateId)) === 0)
        await this.finish(em, updateId, eventId);
      return live;
    });
    await this.publish(updateId, live);
  }

  /** Following copies the source's most recent updates into the follower's feed (while the follow lasts and is HOME). */
  async backfill({ followerId, sourceKind, sourceId }: FollowEventData): Promise<void> {
    await this.feed.backfill(followerId, sourceKind, sourceId, BACKFILL);
  }

  /**
   * Unfollowing removes the updates that reached the follower only through that source (from the
   * home feed and from the digest entries not sent yet): those still reachable through another
   * followed organization, cause (or a cause above it) or person stay, and so do the follower's own.
   */
  async removeUnfollowed({ followerId, sourceKind, sourceId }: FollowEventData): Promise<void> {
    await this.feed.removeUnfollowed(followerId, sourceKind, sourceId);
  }

  /** Every source whose followers receive the update: its organization, its causes and their ancestors, or its author. */
  private async sources(
    em: EntityManager,
    update: FanOutUpdate,
  ): Promise<[FollowSource, string][]> {
    const causeIds = await this.updates.causeIdsOf(em, update.id);
    const withAncestors = await this.causes.withAncestors(causeIds, em);
    return [
      ...(update.organization_id
        ? [[FollowSource.ORGANIZATION, update.organization_id] as [FollowSource, string]]
        : []),
      ...(update.organization_id
        ? []
        : [[FollowSource.USER, update.author_id] as [FollowSource, string]]),
      ...withAncestors.sort().map((id) => [FollowSource.CAUSE, id] as [FollowSource, string]),
    ];
  }

  /** Cuts each source's followers into keyset ranges of FANOUT_CHUNK_SIZE (index-only scans) and records them. */
  private async planChunks(em: EntityManager, update: FanOutUpdate): Promise<ChunkRow[]> {
    const chunks: ChunkRow[] = [];
    for (const [kind, sourceId] of await this.sources(em, update)) {
      let after = MIN_UUID;
      for (;;) {
        const edge = await this.follows.followerAtOffset(
          em,
          kind,
          sourceId,
          after,
          this.config.fanOutChunkSize - 1,
        );
        if (!edge) {
          if (await this.follows.hasFollowerAfter(em, kind, sourceId, after))
            chunks.push({
              seq: chunks.length,
              source_kind: kind,
              source_id: sourceId,
              after_follower: after,
              last_follower: null,
              done_at: null,
            });
          break;
        }
        chunks.push({
          seq: chunks.length,
          source_kind: kind,
          source_id: sourceId,
          after_follower: after,
          last_follower: edge,
          done_at: null,
        });
        after = edge;
      }
    }
    await this.chunks.insertChunks(em, update.id, chunks);
    return chunks;
  }

  private async lockUpdate(em: EntityManager, updateId: string): Promise<FanOutUpdate | undefined> {
    return this.updates.forFanOut(em, updateId, true);
  }

  /** Records the delivery lag (commit to last feed entry) once, and completes the outbox row. */
  private async finish(em: EntityManager, updateId: string, eventId: string): Promise<void> {
    const lagMs = await this.updates.markFannedOut(em, updateId);
    await this.complete(em, updateId, eventId);
    if (lagMs !== null) {
      fanOutLag.observe(lagMs / 1000);
      this.logger.log(`fan-out of update ${updateId} delivered (lag ${lagMs} ms)`);
    }
  }

  private async complete(em: EntityManager, updateId: string, eventId: string): Promise<void> {
    await this.outbox.complete(em, eventId);
    this.logger.debug(`fan-out of ${updateId} complete`);
  }

  /** Tells the API processes which connected viewers just got the update (ids only, in small messages). */
  private async publish(updateId: string, userIds: string[]): Promise<void> {
    const items = [];
    for (let i = 0; i < userIds.length; i += PUBLISH_BATCH) {
      items.push({
        topic: Topics.feedItems,
        message: {
          updateId,
          userIds: userIds.slice(i, i + PUBLISH_BATCH),
        } satisfies FeedItemsMessage,
      });
    }
    if (items.length > 0)
      await this.bus
        .publishMany(items)
        .catch((err: Error) => this.logger.warn(`live feed publish failed: ${err.message}`));
  }
}
