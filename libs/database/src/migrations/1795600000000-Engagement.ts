import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Conversation and care: comments and reactions (their counts live on `updates`), notifications
 * (grouped while unread, made at most once per event and recipient), reports.
 * Blocks (`user_blocks`) already exist since UpdatesFeed.
 */
export class Engagement1795600000000 implements MigrationInterface {
  name = 'Engagement1795600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE comments (
      id uuid PRIMARY KEY DEFAULT uuid_generate_v7(),
      update_id uuid NOT NULL REFERENCES updates (id) ON DELETE CASCADE,
      author_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      body text NOT NULL,
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      deleted_at timestamptz,
      hidden_at timestamptz)`);
    // An update's visible comments, oldest first: one range scan.
    await q.query(
      'CREATE INDEX comments_update_idx ON comments (update_id, created_at, id) WHERE deleted_at IS NULL AND hidden_at IS NULL',
    );

    await q.query(`CREATE TABLE reactions (
      update_id uuid NOT NULL REFERENCES updates (id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (update_id, user_id))`);

    // One row per recipient and group: while unread, events of the same type about the same
    // subject (NEW_FOLLOWER, UPDATE_COMMENTED, UPDATE_REACTED, PLEDGE_RECEIVED) fold into one row
    // (event_count, latest actor, created_at moved to the latest event). Others get their own row.
    await q.query(`CREATE TABLE notifications (
      id uuid PRIMARY KEY DEFAULT uuid_generate_v7(),
      recipient_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      type text NOT NULL,
      group_key text NOT NULL,
      actor_id uuid REFERENCES users (id) ON DELETE SET NULL,
      update_id uuid REFERENCES updates (id) ON DELETE CASCADE,
      campaign_id uuid,
      organization_id uuid REFERENCES organizations (id) ON DELETE CASCADE,
      event_count integer NOT NULL DEFAULT 1,
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      read_at timestamptz)`);
    await q.query(
      'CREATE INDEX notifications_recipient_idx ON notifications (recipient_id, created_at DESC, id DESC)',
    );
    // The open group a new event folds into; also serves the unread count.
    await q.query(
      'CREATE UNIQUE INDEX notifications_open_group_idx ON notifications (recipient_id, type, group_key) WHERE read_at IS NULL',
    );
    // Which (event, recipient) pairs were already notified: a retried job inserts nothing here and so notifies nobody twice.
    await q.query(`CREATE TABLE notification_receipts (
      event_id uuid NOT NULL,
      recipient_id uuid NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (event_id, recipient_id))`);

    await q.query(`CREATE TABLE reports (
      id uuid PRIMARY KEY DEFAULT uuid_generate_v7(),
      reporter_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      subject_kind text NOT NULL CHECK (subject_kind IN ('UPDATE', 'COMMENT', 'USER', 'ORGANIZATION')),
      subject_id uuid NOT NULL,
      reason text NOT NULL,
      status text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'RESOLVED')),
      action text CHECK (action IN ('HIDE', 'DISMISS')),
      resolved_by uuid REFERENCES users (id) ON DELETE SET NULL,
      resolved_at timestamptz,
      created_at timestamptz(3) NOT NULL DEFAULT now())`);
    await q.query(
      `CREATE UNIQUE INDEX reports_open_idx ON reports (reporter_id, subject_kind, subject_id) WHERE status = 'OPEN'`,
    );
    await q.query('CREATE INDEX reports_status_idx ON reports (status, created_at, id)');
    await q.query(
      "CREATE INDEX reports_subject_idx ON reports (subject_kind, subject_id) WHERE status = 'OPEN'",
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['reports', 'notification_receipts', 'notifications', 'reactions', 'comments'])
      await q.query(`DROP TABLE ${t}`);
  }
}
