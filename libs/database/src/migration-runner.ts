import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Arbitrary but fixed: every Causeway process agrees on it. */
export const MIGRATION_LOCK_KEY = 72_410_001;

/**
 * Applies pending migrations under a PostgreSQL advisory lock, so that any number of API processes
 * starting at once apply each migration exactly once; the others wait, then find nothing to do.
 */
export async function runMigrationsLocked(
  dataSource: DataSource,
  logger = new Logger('Migrations'),
): Promise<number> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      if (applied.length > 0)
        logger.log(
          `applied ${applied.length} migration(s): ${applied.map((m) => m.name).join(', ')}`,
        );
      return applied.length;
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await runner.release();
  }
}
