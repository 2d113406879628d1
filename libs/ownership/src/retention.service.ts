import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PRUNES } from './retention-plan';
import { OwnershipRetention } from './retention.repository';

/** Rows deleted per statement. */
const BATCH = 10_000;

/**
 * Keeps the bookkeeping tables from growing without end (PRUNES: completed outbox events,
 * receipts, finished fan-outs' chunk ledgers, digests, email ledgers and spent links), each after
 * its owner's age. One pass is one transaction; one worker at a time (advisory lock).
 */
@Injectable()
export class RetentionService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** One pass; returns how many rows went from each table (nothing when another worker prunes). */
  async prune(now = Date.now()): Promise<Record<string, number>> {
    const removed: Record<string, number> = {};
    await this.db.transaction(async (em) => {
      if (!(await OwnershipRetention.tryLockPruning(em))) return;
      for (const p of PRUNES) removed[p.table] = await p.prune(em, new Date(now - p.keptMs), BATCH);
    });
    return removed;
  }
}
