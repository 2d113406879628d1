import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reach: a delivery per follow (HOME, DIGEST, MUTED), email verification and password reset
 * tokens, the sent-once ledger of event emails, the digest's entries and its ledger.
 */
export class Reach1795715000000 implements MigrationInterface {
  name = 'Reach1795715000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TYPE follow_delivery AS ENUM ('HOME', 'DIGEST', 'MUTED')`);
    await q.query(
      `ALTER TABLE follows ADD COLUMN delivery follow_delivery NOT NULL DEFAULT 'HOME'`,
    );
    // The fan-out reads (follower_id, delivery) over a range of one source's followers: carrying
    // the delivery in the primary key's index keeps that read an index-only scan.
    await q.query(`ALTER TABLE follows DROP CONSTRAINT follows_pkey,
      ADD CONSTRAINT follows_pkey PRIMARY KEY (source_kind, source_id, follower_id) INCLUDE (delivery)`);

    await q.query(`CREATE TYPE digest_frequency AS ENUM ('DAILY', 'WEEKLY', 'OFF')`);
    await q.query(`ALTER TABLE users
      ADD COLUMN email_verified_at timestamptz,
      ADD COLUMN digest_frequency digest_frequency NOT NULL DEFAULT 'WEEKLY',
      ADD COLUMN locale text NOT NULL DEFAULT 'en',
      ADD COLUMN time_zone text NOT NULL DEFAULT 'UTC'`);

    // Links sent by email: only the SHA-256 of each token is stored.
    await q.query(`CREATE TABLE email_tokens (
      id uuid PRIMARY KEY DEFAULT uuid_generate_v7(),
      user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      purpose text NOT NULL CHECK (purpose IN ('VERIFY', 'RESET')),
      token_hash bytea NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      used_at timestamptz)`);
    await q.query('CREATE UNIQUE INDEX email_tokens_token_hash_key ON email_tokens (token_hash)');
    await q.query('CREATE INDEX email_tokens_user_idx ON email_tokens (user_id, purpose)');

    // Emails sent for an event or a job: one row per key, written in the transaction that sends
    // (failed: the server refused the address for good, so it is not retried).
    await q.query(`CREATE TABLE sent_emails (
      key text PRIMARY KEY,
      user_id uuid,
      failed boolean NOT NULL DEFAULT false,
      sent_at timestamptz NOT NULL DEFAULT now())`);

    // Updates that reached a person through a DIGEST follow (the fan-out writes them, like
    // feed_entries, without foreign keys). A digest lists those that did not also reach the home feed.
    await q.query(`CREATE TABLE digest_entries (
      user_id uuid NOT NULL,
      created_at timestamptz(3) NOT NULL,
      update_id uuid NOT NULL,
      PRIMARY KEY (user_id, created_at, update_id))`);

    // The digest ledger: one row per person and period (the period ends at period_end, to the
    // millisecond, as job payloads carry it); the row
    // is claimed with FOR UPDATE while its email is sent and marked sent in the same transaction.
    await q.query(`CREATE TABLE digests (
      user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      period_end timestamptz(3) NOT NULL,
      period_start timestamptz(3) NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      sent_at timestamptz,
      item_count integer,
      failed boolean NOT NULL DEFAULT false,
      PRIMARY KEY (user_id, period_end))`);
    await q.query(
      'CREATE INDEX digests_unsent_idx ON digests (user_id, period_end) WHERE sent_at IS NULL',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['digests', 'digest_entries', 'sent_emails', 'email_tokens'])
      await q.query(`DROP TABLE ${t}`);
    await q.query(
      'ALTER TABLE users DROP COLUMN email_verified_at, DROP COLUMN digest_frequency, DROP COLUMN locale, DROP COLUMN time_zone',
    );
    await q.query('DROP TYPE digest_frequency');
    await q.query(
      `ALTER TABLE follows DROP CONSTRAINT follows_pkey, ADD CONSTRAINT follows_pkey PRIMARY KEY (source_kind, source_id, follower_id)`,
    );
    await q.query('ALTER TABLE follows DROP COLUMN delivery');
    await q.query('DROP TYPE follow_delivery');
  }
}
