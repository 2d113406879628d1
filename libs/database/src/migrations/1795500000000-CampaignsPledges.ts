import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Campaigns (with their exact totals on the row, moved only by atomic increments) and pledges
 * (idempotent per user and client key through a unique index). Hand-written: the CHECK
 * constraints and partial indexes are beyond what migration:generate expresses.
 */
export class CampaignsPledges1795500000000 implements MigrationInterface {
  name = 'CampaignsPledges1795500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TYPE pledge_kind AS ENUM ('MONEY', 'TIME', 'ACTION')`);
    await q.query(`CREATE TYPE pledge_status AS ENUM ('PLEDGED', 'FULFILLED', 'CANCELLED')`);

    await q.query(`CREATE TABLE campaigns (
      id uuid PRIMARY KEY DEFAULT uuid_generate_v7(),
      organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
      cause_id uuid REFERENCES causes (id),
      created_by_id uuid REFERENCES users (id) ON DELETE SET NULL,
      title text NOT NULL,
      description text,
      goal_kind pledge_kind NOT NULL,
      goal_amount bigint NOT NULL CHECK (goal_amount > 0),
      currency char(3) CHECK ((goal_kind = 'MONEY') = (currency IS NOT NULL)),
      ends_at timestamptz(3),
      pledged_total bigint NOT NULL DEFAULT 0 CHECK (pledged_total >= 0),
      fulfilled_total bigint NOT NULL DEFAULT 0 CHECK (fulfilled_total >= 0),
      pledge_count integer NOT NULL DEFAULT 0 CHECK (pledge_count >= 0),
      goal_reached_at timestamptz,
      created_at timestamptz(3) NOT NULL DEFAULT now())`);
    // Connections: an organization's or a cause's campaigns, newest first (UUIDv7 ids sort by time).
    await q.query(
      'CREATE INDEX campaigns_organization_idx ON campaigns (organization_id, id DESC)',
    );
    await q.query(
      'CREATE INDEX campaigns_cause_idx ON campaigns (cause_id, id DESC) WHERE cause_id IS NOT NULL',
    );

    await q.query(`CREATE TABLE pledges (
      id uuid PRIMARY KEY DEFAULT uuid_generate_v7(),
      campaign_id uuid NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      kind pledge_kind NOT NULL,
      amount bigint NOT NULL CHECK (amount BETWEEN 1 AND 1000000000000),
      currency char(3),
      status pledge_status NOT NULL DEFAULT 'PLEDGED',
      message text,
      idempotency_key text NOT NULL,
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      fulfilled_at timestamptz(3),
      cancelled_at timestamptz(3))`);
    // Idempotency: one pledge per (user, key), enforced in the pledge's own transaction. Keys are never
    // deleted, so they are kept (well) beyond the 24 hours the contract promises.
    await q.query(
      'CREATE UNIQUE INDEX pledges_user_idempotency_key ON pledges (user_id, idempotency_key)',
    );
    await q.query('CREATE INDEX pledges_campaign_idx ON pledges (campaign_id, id DESC)');
    await q.query('CREATE INDEX pledges_user_idx ON pledges (user_id, id DESC)');
    await q.query('CREATE INDEX pledges_user_campaign_idx ON pledges (user_id, campaign_id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE pledges');
    await q.query('DROP TABLE campaigns');
    await q.query('DROP TYPE pledge_status');
    await q.query('DROP TYPE pledge_kind');
  }
}
