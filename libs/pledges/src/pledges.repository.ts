import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { PledgeStatus } from './pledge.entity';

/** A pledge locked for a status change, with its campaign's organization. */
export interface LockedPledge {
  id: string;
  user_id: string;
  campaign_id: string;
  organization_id: string;
  status: PledgeStatus;
  amount: string;
}

/**
 * The pledge path's statements on `pledges` and `campaigns` (SQL; the texts are the bench's raw
 * twin's, byte for byte). Every method runs in the caller's transaction.
 */
@Injectable()
export class PledgesRepository {
  /** The new pledge's id and time, or undefined when the person used the idempotency key before. */
  async insert(
    em: EntityManager,
    p: {
      id: string;
      campaignId: string;
      userId: string;
      kind: string;
      amount: bigint;
      currency: string | null;
      message: string | null;
      idempotencyKey: string;
    },
  ): Promise<{ id: string; created_at: Date } | undefined> {
    const [row]: { id: string; created_at: Date }[] = await em.query(
      `INSERT INTO pledges (id, campaign_id, user_id, kind, amount, currency, message, idempotency_key)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (user_id, idempotency_key) DO NOTHING RETURNING id, created_at`,
      [
        p.id,
        p.campaignId,
        p.userId,
        p.kind,
        p.amount.toString(),
        p.currency,
        p.message,
        p.idempotencyKey,
      ],
    );
    return row;
  }

  /** Locks the pledge row; undefined when there is none. */
  async lock(em: EntityManager, id: string): Promise<LockedPledge | undefined> {
    const [p]: LockedPledge[] = await em.query(
      `SELECT p.id, p.user_id, p.campaign_id, c.organization_id, p.status, p.amount::text AS amount
       FROM pledges p JOIN campaigns c ON c.id = p.campaign_id WHERE p.id = $1 FOR UPDATE OF p`,
      [id],
    );
    return p;
  }

  async markCancelled(em: EntityManager, id: string): Promise<void> {
    await em.query(`UPDATE pledges SET status = 'CANCELLED', cancelled_at = now() WHERE id = $1`, [
      id,
    ]);
  }

  async markFulfilled(em: EntityManager, id: string): Promise<void> {
    await em.query(`UPDATE pledges SET status = 'FULFILLED', fulfilled_at = now() WHERE id = $1`, [
      id,
    ]);
  }

  /** Account deletion: the person's pledges lose their words (totals never change). */
  async forgetMessages(em: EntityManager, userId: string): Promise<void> {
    await em.query('UPDATE pledges SET message = NULL WHERE user_id = $1 AND message IS NOT NULL', [
      userId,
    ]);
  }

  /**
   * Moves the campaign's counters atomically; says whether the goal is now reached for the first
   * time (not yet recorded), with the campaign's organization.
   */
  async moveTotals(
    em: EntityManager,
    campaignId: string,
    pledged: bigint,
    fulfilled: bigint,
    count: number,
  ): Promise<{ reached: boolean; organization_id: string } | undefined> {
    const [row]: { reached: boolean; organization_id: string }[] = await em.query(
      `WITH c AS (
         UPDATE campaigns SET pledged_total = pledged_total + $2, fulfilled_total = fulfilled_total + $3, pledge_count = pledge_count + $4
         WHERE id = $1 RETURNING goal_reached_at IS NULL AND pledged_total >= goal_amount AS reached, organization_id)
       SELECT reached, organization_id FROM c`,
      [campaignId, pledged.toString(), fulfilled.toString(), count],
    );
    return row;
  }

  /** Records the goal reached; true for the one caller that records it. */
  async markGoalReached(em: EntityManager, campaignId: string): Promise<boolean> {
    const won: unknown[] = await em.query(
      `WITH g AS (UPDATE campaigns SET goal_reached_at = now()
                  WHERE id = $1 AND goal_reached_at IS NULL AND pledged_total >= goal_amount RETURNING id)
       SELECT id FROM g`,
      [campaignId],
    );
    return won.length === 1;
  }
}
