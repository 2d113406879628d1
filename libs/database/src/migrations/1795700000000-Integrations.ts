import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Integrations and ownership: organizations' signed webhooks and their delivery log, people's data
 * exports (archives stored in PostgreSQL in chunks, so every API process can serve them), and the
 * mark of an erased account.
 */
export class Integrations1795700000000 implements MigrationInterface {
  name = 'Integrations1795700000000';

  async up(q: QueryRunner): Promise<void> {
    // During a rotation the previous secret keeps signing until previous_secret_expires_at.
    // failing_since: the first failed attempt with no success since (disabling counts from it).
    await q.query(`CREATE TABLE webhooks (
      id uuid PRIMARY KEY DEFAULT uuid_generate_v7(),
      organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
      url text NOT NULL,
      events text[] NOT NULL,
      secret text NOT NULL,
      previous_secret text,
      previous_secret_expires_at timestamptz,
      active boolean NOT NULL DEFAULT true,
      failing_since timestamptz,
      disabled_at timestamptz,
      created_at timestamptz(3) NOT NULL DEFAULT now())`);
    await q.query(
      'CREATE INDEX webhooks_organization_idx ON webhooks (organization_id, created_at, id)',
    );
    // Attempts in flight per webhook, across every worker: one row per slot (a few while the
    // webhook is healthy, slot 0 only while it is failing); a slot is taken until `until`.
    await q.query(`CREATE TABLE webhook_leases (
      webhook_id uuid NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
      slot smallint NOT NULL,
      started_at timestamptz NOT NULL DEFAULT '-infinity',
      until timestamptz NOT NULL DEFAULT '-infinity',
      PRIMARY KEY (webhook_id, slot))`);

    // One row per event and webhook (a ping has no event): the body is fixed at creation, so
    // every attempt sends the same bytes under the same message id.
    await q.query(`CREATE TABLE webhook_deliveries (
      id uuid PRIMARY KEY DEFAULT uuid_generate_v7(),
      webhook_id uuid NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
      event_id uuid,
      message_id text NOT NULL,
      event text NOT NULL,
      body text NOT NULL,
      status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'SUCCEEDED', 'FAILED')),
      attempts integer NOT NULL DEFAULT 0,
      response_status integer,
      last_error text,
      occurred_at timestamptz(3) NOT NULL,
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      next_attempt_at timestamptz(3),
      completed_at timestamptz(3))`);
    await q.query(
      'CREATE UNIQUE INDEX webhook_deliveries_event_key ON webhook_deliveries (webhook_id, event_id) WHERE event_id IS NOT NULL',
    );
    await q.query(
      'CREATE INDEX webhook_deliveries_webhook_idx ON webhook_deliveries (webhook_id, id DESC)',
    );
    await q.query(
      `CREATE INDEX webhook_deliveries_pending_idx ON webhook_deliveries (next_attempt_at) WHERE status = 'PENDING'`,
    );

    await q.query(`CREATE TABLE data_exports (
      id uuid PRIMARY KEY DEFAULT uuid_generate_v7(),
      user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'READY', 'EXPIRED')),
      byte_size bigint,
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      ready_at timestamptz(3),
      expires_at timestamptz(3))`);
    await q.query('CREATE INDEX data_exports_user_idx ON data_exports (user_id, created_at DESC)');
    // At most one PENDING export per person: the database decides a double click.
    await q.query(
      `CREATE UNIQUE INDEX data_exports_pending_key ON data_exports (user_id) WHERE status = 'PENDING'`,
    );
    await q.query(
      `CREATE INDEX data_exports_expiry_idx ON data_exports (expires_at) WHERE status = 'READY'`,
    );
    await q.query(`CREATE TABLE data_export_chunks (
      export_id uuid NOT NULL REFERENCES data_exports (id) ON DELETE CASCADE,
      seq integer NOT NULL,
      data bytea NOT NULL,
      PRIMARY KEY (export_id, seq))`);

    await q.query('ALTER TABLE users ADD COLUMN deleted_at timestamptz');
    // A person's comments, reactions and updates, read by the export and the deletion in keyset batches.
    await q.query('CREATE INDEX comments_author_idx ON comments (author_id, id)');
    await q.query('CREATE INDEX reactions_user_idx ON reactions (user_id, update_id)');
    await q.query('CREATE INDEX updates_author_idx ON updates (author_id, id)');
  }

  async down(q: QueryRunner): Promise<void> {
    for (const i of ['updates_author_idx', 'reactions_user_idx', 'comments_author_idx'])
      await q.query(`DROP INDEX ${i}`);
    await q.query('ALTER TABLE users DROP COLUMN deleted_at');
    for (const t of [
      'data_export_chunks',
      'data_exports',
      'webhook_deliveries',
      'webhook_leases',
      'webhooks',
    ])
      await q.query(`DROP TABLE ${t}`);
  }
}
