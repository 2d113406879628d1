import { EntityManager } from 'typeorm';

/** Advisory lock key: one worker at a time prunes. */
const PRUNING_LOCK_KEY = 0x6361_7573; // 'caus'

/** The ownership lib's part in housekeeping (its own archives expire in DataExportsRepository). */
export const OwnershipRetention = {
  /** Takes the pruning lock for the caller's transaction; false when another worker holds it. */
  async tryLockPruning(em: EntityManager): Promise<boolean> {
    const [{ locked }]: { locked: boolean }[] = await em.query(
      'SELECT pg_try_advisory_xact_lock($1) AS locked',
      [PRUNING_LOCK_KEY],
    );
    return locked;
  },
};
