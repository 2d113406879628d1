import { MigrationInterface, QueryRunner } from 'typeorm';

/** The id of the request that wrote an outbox event, carried into the jobs it becomes (logs follow it). */
export class OutboxRequestId1795720000000 implements MigrationInterface {
  name = 'OutboxRequestId1795720000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox_events ADD COLUMN request_id text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox_events DROP COLUMN request_id`);
  }
}
