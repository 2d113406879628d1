import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** The channel the relay LISTENs on; NOTIFY is delivered when the writing transaction commits. */
export const OUTBOX_CHANNEL = 'causeway_outbox';

/** An outbox row as the relay claims it. */
export interface OutboxRow {
  id: string;
  type: string;
  payload: Record<string, unknown>;
  /** The request that wrote the row: every job made from it carries it as data.requestId. */
  request_id?: string | null;
}

/**
 * Every statement on `outbox_events` that the outbox itself runs (writing, claiming, completing),
 * each on the caller's EntityManager (a transaction, or the data source's manager).
 */
@Injectable()
export class OutboxRepository {
  /** Inside the caller's transaction; the relay is woken when it commits. */
  async insert(
    em: EntityManager,
    row: { id: string; type: string; payload: unknown; requestId: string | null },
  ): Promise<void> {
    await em.query(
      'INSERT INTO outbox_events (id, type, payload, request_id) VALUES ($1, $2, $3, $4)',
      [row.id, row.type, row.payload, row.requestId],
    );
    await em.query(`SELECT pg_notify('${OUTBOX_CHANNEL}', '')`);
  }

  /** Marks a row done (once), so the sweeper leaves it alone. */
  async complete(em: EntityManager, eventId: string): Promise<void> {
    await em.query(
      'UPDATE outbox_events SET completed_at = now() WHERE id = $1 AND completed_at IS NULL',
      [eventId],
    );
  }

  /** Marks up to `limit` rows never relayed as relayed now and returns them. */
  claimUnrelayed(em: EntityManager, limit: number): Promise<OutboxRow[]> {
    return this.claim(em, 'relayed_at IS NULL AND completed_at IS NULL', [], limit);
  }

  /** Marks up to `limit` rows relayed more than `seconds` ago and not completed as relayed now and returns them. */
  claimStale(em: EntityManager, seconds: number, limit: number): Promise<OutboxRow[]> {
    return this.claim(
      em,
      'completed_at IS NULL AND relayed_at < now() - make_interval(secs => $1)',
      [seconds],
      limit,
    );
  }

  /** Hands claimed rows back to the next relay pass (their jobs could not be enqueued). */
  async release(em: EntityManager, ids: string[]): Promise<void> {
    await em.query(
      'UPDATE outbox_events SET relayed_at = NULL WHERE id = ANY($1::uuid[]) AND completed_at IS NULL',
      [ids],
    );
  }

  /**
   * Claims and commits at once (no lock is held while Redis is talked to); SKIP LOCKED: two
   * relays never claim the same row.
   */
  private claim(
    em: EntityManager,
    where: string,
    params: unknown[],
    limit: number,
  ): Promise<OutboxRow[]> {
    return em.query(
      `WITH picked AS (SELECT id FROM outbox_events WHERE ${where} ORDER BY id LIMIT ${Number(limit)} FOR UPDATE SKIP LOCKED),
            claimed AS (UPDATE outbox_events o SET relayed_at = now() FROM picked WHERE o.id = picked.id RETURNING o.id, o.type, o.payload, o.request_id)
       SELECT id, type, payload, request_id FROM claimed ORDER BY id`,
      params,
    );
  }
}
