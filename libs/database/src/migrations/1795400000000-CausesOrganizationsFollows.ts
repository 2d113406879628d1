import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Causes (a tree), organizations with their causes and members, follows of causes, organizations
 * and people, the transactional outbox, and full-text search columns (weighted, GIN-indexed).
 * Hand-written: generated tsvector columns are beyond what migration:generate expresses.
 */
export class CausesOrganizationsFollows1795400000000 implements MigrationInterface {
  name = 'CausesOrganizationsFollows1795400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE causes (
      id uuid PRIMARY KEY DEFAULT uuid_generate_v7(),
      slug text NOT NULL,
      name text NOT NULL,
      description text,
      parent_id uuid REFERENCES causes (id),
      follower_count integer NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now(),
      search tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', name), 'A') || setweight(to_tsvector('english', coalesce(description, '')), 'B')) STORED)`);
    await q.query('CREATE UNIQUE INDEX causes_slug_key ON causes (slug)');
    await q.query('CREATE INDEX causes_parent_id_idx ON causes (parent_id)');
    await q.query('CREATE INDEX causes_search_idx ON causes USING gin (search)');

    await q.query(`CREATE TABLE organizations (
      id uuid PRIMARY KEY DEFAULT uuid_generate_v7(),
      slug text NOT NULL,
      name text NOT NULL,
      mission text,
      website_url text,
      verified boolean NOT NULL DEFAULT false,
      follower_count integer NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      search tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', name), 'A') || setweight(to_tsvector('english', coalesce(mission, '')), 'B')) STORED)`);
    await q.query('CREATE UNIQUE INDEX organizations_slug_key ON organizations (slug)');
    await q.query('CREATE INDEX organizations_search_idx ON organizations USING gin (search)');

    await q.query(`CREATE TABLE organization_causes (
      organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
      cause_id uuid NOT NULL REFERENCES causes (id),
      PRIMARY KEY (organization_id, cause_id))`);
    await q.query(
      'CREATE INDEX organization_causes_cause_idx ON organization_causes (cause_id, organization_id)',
    );

    await q.query(`CREATE TYPE organization_role AS ENUM ('OWNER', 'ADMIN', 'EDITOR')`);
    await q.query(`CREATE TABLE organization_members (
      organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      role organization_role NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (organization_id, user_id))`);
    await q.query('CREATE INDEX organization_members_user_idx ON organization_members (user_id)');

    // The fan-out reads followers of one source in follower-id order: the primary key is that range.
    await q.query(`CREATE TYPE follow_source AS ENUM ('CAUSE', 'ORGANIZATION', 'USER')`);
    await q.query(`CREATE TABLE follows (
      source_kind follow_source NOT NULL,
      source_id uuid NOT NULL,
      follower_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      PRIMARY KEY (source_kind, source_id, follower_id))`);
    await q.query(
      'CREATE INDEX follows_follower_idx ON follows (follower_id, source_kind, created_at DESC, source_id DESC)',
    );

    await q.query(`ALTER TABLE users ADD COLUMN search tsvector GENERATED ALWAYS AS (
      setweight(to_tsvector('simple', handle), 'A') || setweight(to_tsvector('simple', display_name), 'A')
      || setweight(to_tsvector('simple', coalesce(bio, '')), 'C')) STORED`);
    await q.query('CREATE INDEX users_search_idx ON users USING gin (search)');

    // Work for the worker, written in the same transaction as the change that causes it.
    await q.query(`CREATE TABLE outbox_events (
      id uuid PRIMARY KEY DEFAULT uuid_generate_v7(),
      type text NOT NULL,
      payload jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      relayed_at timestamptz,
      completed_at timestamptz)`);
    await q.query(
      'CREATE INDEX outbox_events_pending_idx ON outbox_events (relayed_at NULLS FIRST, id) WHERE completed_at IS NULL',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE outbox_events');
    await q.query('ALTER TABLE users DROP COLUMN search');
    await q.query('DROP TABLE follows');
    await q.query('DROP TYPE follow_source');
    await q.query('DROP TABLE organization_members');
    await q.query('DROP TYPE organization_role');
    await q.query('DROP TABLE organization_causes');
    await q.query('DROP TABLE organizations');
    await q.query('DROP TABLE causes');
  }
}
