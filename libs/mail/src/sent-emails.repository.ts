import { EntityManager } from 'typeorm';

/**
 * The `sent_emails` ledger: one row per email key, claimed in the transaction that sends it (SQL).
 * Plain functions: the Mailer is given the DataSource by its callers.
 */
export const sentEmails = {
  /** Claims the key for this send; false when it was claimed (sent, or failed for good) before. */
  async claim(em: EntityManager, key: string, userId: string | null): Promise<boolean> {
    const claimed: unknown[] = await em.query(
      'INSERT INTO sent_emails (key, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING key',
      [key, userId],
    );
    return claimed.length > 0;
  },

  /** Records a permanent refusal, so the email is never tried again. */
  async recordFailed(em: EntityManager, key: string, userId: string | null): Promise<void> {
    await em.query(
      `INSERT INTO sent_emails (key, user_id, failed) VALUES ($1, $2, true) ON CONFLICT DO NOTHING`,
      [key, userId],
    );
  },
};
