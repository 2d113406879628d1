import { MigrationInterface, QueryRunner } from 'typeorm';

/** Rate-limit windows when there is no Redis: UNLOGGED (a crash may forget a minute of counts). */
export class RateLimitCounter1763700000001 implements MigrationInterface {
  name = 'RateLimitCounter1763700000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE UNLOGGED TABLE rate_limit_counter (
      key text PRIMARY KEY,
      count integer NOT NULL,
      expires_at timestamptz NOT NULL)`);
    await q.query(
      'CREATE INDEX rate_limit_counter_expires_at_idx ON rate_limit_counter (expires_at)',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE rate_limit_counter');
  }
}
