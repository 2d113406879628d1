import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Updates and their causes, the home feed (one row per receiver and update), the fan-out's chunk
 * ledger, live-feed listeners, and blocks (which the feed filters on).
 */
export class UpdatesFeed1795450000000 implements MigrationInterface {
  name = 'UpdatesFeed1795450000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE updates (
      id uuid PRIMARY KEY DEFAULT uuid_generate_v7(),
      author_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      organization_id uuid REFERENCES organizations (id) ON DELETE CASCADE,
      campaign_id uuid,
      body text NOT NULL,
      link_url text,
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      deleted_at timestamptz,
      hidden_at timestamptz,
      comment_count integer NOT NULL DEFAULT 0,
      reaction_count integer NOT NULL DEFAULT 0,
      fanned_out_at timestamptz,
      delivery_lag_ms integer,
      search tsvector GENERATED ALWAYS AS (to_tsvector('english', body)) STORED)`);
    await q.query(
      'CREATE INDEX updates_organization_idx ON updates (organization_id, created_at DESC, id DESC) WHERE organization_id IS NOT NULL',
    );
    await q.query(
      'CREATE INDEX updates_personal_idx ON updates (author_id, created_at DESC, id DESC) WHERE organization_id IS NULL',
    );
    await q.query(
      'CREATE INDEX updates_campaign_idx ON updates (campaign_id) WHERE campaign_id IS NOT NULL',
    );
    await q.query('CREATE INDEX updates_search_idx ON updates USING gin (search)');

    await q.query(`CREATE TABLE update_causes (
      update_id uuid NOT NULL REFERENCES updates (id) ON DELETE CASCADE,
      cause_id uuid NOT NULL REFERENCES causes (id),
      created_at timestamptz(3) NOT NULL,
      PRIMARY KEY (update_id, cause_id))`);
    await q.query(
      'CREATE INDEX update_causes_cause_idx ON update_causes (cause_id, created_at DESC, update_id DESC)',
    );

    // The home feed: a page is one range scan of the primary key. No foreign keys: the fan-out
    // inserts thousands of rows per statement, and updates and users are never hard-deleted.
    await q.query(`CREATE TABLE feed_entries (
      user_id uuid NOT NULL,
      created_at timestamptz(3) NOT NULL,
      update_id uuid NOT NULL,
      PRIMARY KEY (user_id, created_at, update_id))`);

    // The fan-out's plan: one row per chunk of followers of one source; done when delivered.
    await q.query(`CREATE TABLE fanout_chunks (
      update_id uuid NOT NULL REFERENCES updates (id) ON DELETE CASCADE,
      seq integer NOT NULL,
      source_kind follow_source NOT NULL,
      source_id uuid NOT NULL,
      after_follower uuid NOT NULL,
      last_follower uuid,
      done_at timestamptz,
      PRIMARY KEY (update_id, seq))`);

    // Who has a live feed open (refreshed by the API while the subscription lasts).
    await q.query(`CREATE UNLOGGED TABLE feed_listeners (
      user_id uuid NOT NULL,
      instance_id text NOT NULL,
      expires_at timestamptz NOT NULL,
      PRIMARY KEY (user_id, instance_id))`);

    await q.query(`CREATE TABLE user_blocks (
      blocker_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      blocked_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (blocker_id, blocked_id))`);
    await q.query('CREATE INDEX user_blocks_blocked_idx ON user_blocks (blocked_id, blocker_id)');
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'user_blocks',
      'feed_listeners',
      'fanout_chunks',
      'feed_entries',
      'update_causes',
      'updates',
    ])
      await q.query(`DROP TABLE ${t}`);
  }
}
