import { Inject, Injectable, Logger } from '@nestjs/common';
import { queueConfig, QueueConfig } from '@causeway/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CausesService } from '@causeway/causes';
import { FollowSource } from '@causeway/follows';
import { FollowEventData } from '@causeway/outbox';
import { EventBus, Topics } from '@causeway/queue';
import { fanOutLag } from '@causeway/observability';
import { newestInCauseSubtreeSql } from '@causeway/updates';

/** What following a source copies into the follower's feed. */
export const BACKFILL = 20;
/** Receivers per live-feed message (PostgreSQL NOTIFY caps a message at 8 kB). */
const PUBLISH_BATCH = 100;
const MIN_UUID = '00000000-0000-0000-0000-000000000000';

interface UpdateRow {
  id: string;
  author_id: string;
  organization_id: string | null;
  created_at: Date;
  gone: boolean;
}

interface ChunkRow {
  seq: number;
  source_kind: FollowSource;
  source_id: string;
  after_follower: string;
  last_follower: string | null;
  done_at: Date | null;
}

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
      let chunks: ChunkRow[] = await em.query(
        'SELECT seq, done_at FROM fanout_chunks WHERE update_id = $1 ORDER BY seq',
        [updateId],
      );
      let live: string[] = [];
      if (chunks.length === 0) {
        live = await this.insertEntries(
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
      const [chunk]: ChunkRow[] = await em.query(
        'SELECT seq, source_kind, source_id, after_follower, last_follower, done_at FROM fanout_chunks WHERE update_id = $1 AND seq = $2 FOR UPDATE',
        [updateId, seq],
      );
      if (!chunk || chunk.done_at) return [];
      const [update]: UpdateRow[] = await em.query(
        'SELECT id, author_id, organization_id, created_at, (deleted_at IS NOT NULL OR hidden_at IS NOT NULL) AS gone FROM updates WHERE id = $1',
        [updateId],
      );
      let live: string[] = [];
      if (update && !update.gone) {
        live = await this.insertEntries(
          em,
          update,
          `SELECT f.follower_id AS user_id, f.delivery FROM follows f
           WHERE f.source_kind = $3 AND f.source_id = $4 AND f.follower_id > $5::uuid AND ($6::uuid IS NULL OR f.follower_id <= $6::uuid)`,
          [chunk.source_kind, chunk.source_id, chunk.after_follower, chunk.last_follower],
        );
      }
      await em.query('UPDATE fanout_chunks SET done_at = now() WHERE update_id = $1 AND seq = $2', [
        updateId,
        seq,
      ]);
      // Chunks of one update finish one at a time here, so exactly one of them sees none left.
      await this.lockUpdate(em, updateId);
      const [{ left }]: { left: number }[] = await em.query(
        'SELECT count(*)::int AS left FROM fanout_chunks WHERE update_id = $1 AND done_at IS NULL',
        [updateId],
      );
      if (left === 0) await this.finish(em, updateId, eventId);
      return live;
    });
    await this.publish(updateId, live);
  }

  /** Following copies the source's most recent updates into the follower's feed (while the follow lasts and is HOME). */
  async backfill({ followerId, sourceKind, sourceId }: FollowEventData): Promise<void> {
    const newest =
      sourceKind === FollowSource.CAUSE
        ? newestInCauseSubtreeSql(
            '$2::uuid',
            'u.deleted_at IS NULL AND u.hidden_at IS NULL',
            String(BACKFILL),
          )
        : `SELECT u.id AS update_id, u.created_at FROM updates u
           WHERE ${this.fromSource(sourceKind as FollowSource)} AND u.deleted_at IS NULL AND u.hidden_at IS NULL
           ORDER BY u.created_at DESC, u.id DESC LIMIT ${BACKFILL}`;
    await this.db.query(
      `INSERT INTO feed_entries (user_id, created_at, update_id)
       SELECT $1, n.created_at, n.update_id FROM (${newest}) n
       WHERE EXISTS (SELECT 1 FROM follows f WHERE f.follower_id = $1 AND f.source_kind = $3 AND f.source_id = $2 AND f.delivery = 'HOME')
       ON CONFLICT DO NOTHING`,
      [followerId, sourceId, sourceKind],
    );
  }

  /**
   * Unfollowing removes the updates that reached the follower only through that source (from the
   * home feed and from the digest entries not sent yet): those
   * still reachable through another followed organization, cause (or a cause above it) or person
   * stay, and so do the follower's own.
   */
  async removeUnfollowed({ followerId, sourceKind, sourceId }: FollowEventData): Promise<void> {
    // The same for the home feed and for the digest still to be sent.
    for (const table of ['feed_entries', 'digest_entries']) {
      await this.db.query(
        `WITH RECURSIVE reachable_causes AS (
           SELECT source_id AS id FROM follows WHERE follower_id = $1 AND source_kind = 'CAUSE'
           UNION SELECT c.id FROM causes c JOIN reachable_causes r ON c.parent_id = r.id)
         DELETE FROM ${table} f USING updates u
         WHERE f.user_id = $1 AND u.id = f.update_id AND ${this.fromSource(sourceKind as FollowSource)} AND u.author_id <> $1
           AND NOT EXISTS (SELECT 1 FROM follows o WHERE o.follower_id = $1 AND o.source_kind = 'ORGANIZATION' AND o.source_id = u.organization_id)
           AND NOT (u.organization_id IS NULL AND EXISTS (
                 SELECT 1 FROM follows o WHERE o.follower_id = $1 AND o.source_kind = 'USER' AND o.source_id = u.author_id))
           AND NOT EXISTS (SELECT 1 FROM update_causes uc WHERE uc.update_id = u.id AND uc.cause_id IN (SELECT id FROM reachable_causes))`,
        [followerId, sourceId],
      );
    }
  }

  /** SQL: update `u` reaches followers of source $2 of this kind. */
  private fromSource(kind: FollowSource): string {
    switch (kind) {
      case FollowSource.ORGANIZATION:
        return 'u.organization_id = $2';
      case FollowSource.USER:
        return 'u.author_id = $2 AND u.organization_id IS NULL';
      case FollowSource.CAUSE:
        return `u.id IN (SELECT uc.update_id FROM update_causes uc WHERE uc.cause_id IN (
                  WITH RECURSIVE down AS (SELECT $2::uuid AS id UNION SELECT c.id FROM causes c JOIN down ON c.parent_id = down.id)
                  SELECT id FROM down))`;
    }
  }

  /** Every source whose followers receive the update: its organization, its causes and their ancestors, or its author. */
  private async sources(em: EntityManager, update: UpdateRow): Promise<[FollowSource, string][]> {
    const causeIds: string[] = (
      await em.query('SELECT cause_id FROM update_causes WHERE update_id = $1', [update.id])
    ).map((r: { cause_id: string }) => r.cause_id);
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
  private async planChunks(em: EntityManager, update: UpdateRow): Promise<ChunkRow[]> {
    const chunks: ChunkRow[] = [];
    for (const [kind, sourceId] of await this.sources(em, update)) {
      let after = MIN_UUID;
      for (;;) {
        const [edge]: { follower_id: string }[] = await em.query(
          `SELECT follower_id FROM follows WHERE source_kind = $1 AND source_id = $2 AND follower_id > $3::uuid
           ORDER BY follower_id OFFSET ${this.config.fanOutChunkSize - 1} LIMIT 1`,
          [kind, sourceId, after],
        );
        if (!edge) {
          const [rest]: unknown[] = await em.query(
            'SELECT 1 FROM follows WHERE source_kind = $1 AND source_id = $2 AND follower_id > $3::uuid LIMIT 1',
            [kind, sourceId, after],
          );
          if (rest)
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
          last_follower: edge.follower_id,
          done_at: null,
        });
        after = edge.follower_id;
      }
    }
    if (chunks.length > 0) {
      await em.query(
        `INSERT INTO fanout_chunks (update_id, seq, source_kind, source_id, after_follower, last_follower)
         SELECT $1, * FROM unnest($2::int[], $3::follow_source[], $4::uuid[], $5::uuid[], $6::uuid[])`,
        [
          update.id,
          chunks.map((c) => c.seq),
          chunks.map((c) => c.source_kind),
          chunks.map((c) => c.source_id),
          chunks.map((c) => c.after_follower),
          chunks.map((c) => c.last_follower),
        ],
      );
    }
    return chunks;
  }

  /**
   * Inserts, for the receivers `receiversSql` selects as (user_id, delivery) with params from $3,
   * feed entries for HOME and digest entries for DIGEST (MUTED: nothing), skipping those who have
   * them already, in one statement; returns the new feed receivers who have a live feed open.
   * Several paths to one person need no look-up here: each path's chunk inserts by its own
   * delivery and the primary keys keep one row, so the home feed gets the update if any path is
   * HOME, and the digest skips entries that also reached the home feed (HOME over DIGEST over MUTED).
   */
  private async insertEntries(
    em: EntityManager,
    update: UpdateRow,
    receiversSql: string,
    params: unknown[],
  ): Promise<string[]> {
    const rows: { user_id: string }[] = await em.query(
      `WITH r AS (${receiversSql}),
       added AS (
         INSERT INTO feed_entries (user_id, created_at, update_id)
         SELECT r.user_id, $1::timestamptz, $2::uuid FROM r WHERE r.delivery = 'HOME'
         ON CONFLICT DO NOTHING RETURNING user_id),
       digested AS (
         INSERT INTO digest_entries (user_id, created_at, update_id)
         SELECT r.user_id, $1::timestamptz, $2::uuid FROM r WHERE r.delivery = 'DIGEST'
         ON CONFLICT DO NOTHING)
       SELECT DISTINCT a.user_id FROM added a JOIN feed_listeners l ON l.user_id = a.user_id AND l.expires_at > now()`,
      [update.created_at, update.id, ...params],
    );
    return rows.map((r) => r.user_id);
  }

  private async lockUpdate(em: EntityManager, updateId: string): Promise<UpdateRow | undefined> {
    const [row]: UpdateRow[] = await em.query(
      `SELECT id, author_id, organization_id, created_at, (deleted_at IS NOT NULL OR hidden_at IS NOT NULL) AS gone FROM updates WHERE id = $1 FOR UPDATE`,
      [updateId],
    );
    return row;
  }

  /** Records the delivery lag (commit to last feed entry) once, and completes the outbox row. */
  private async finish(em: EntityManager, updateId: string, eventId: string): Promise<void> {
    const [finished]: { delivery_lag_ms: number }[] = await em.query(
      `WITH u AS (UPDATE updates SET fanned_out_at = now(), delivery_lag_ms = greatest(0, round(extract(epoch FROM now() - created_at) * 1000))::int
                  WHERE id = $1 AND fanned_out_at IS NULL RETURNING delivery_lag_ms)
       SELECT delivery_lag_ms FROM u`,
      [updateId],
    );
    await this.complete(em, updateId, eventId);
    if (finished) {
      fanOutLag.observe(finished.delivery_lag_ms / 1000);
      this.logger.log(
        `fan-out of update ${updateId} delivered (lag ${finished.delivery_lag_ms} ms)`,
      );
    }
  }

  private async complete(em: EntityManager, updateId: string, eventId: string): Promise<void> {
    await em.query(
      'UPDATE outbox_events SET completed_at = now() WHERE id = $1 AND completed_at IS NULL',
      [eventId],
    );
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
