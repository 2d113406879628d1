import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { authConfig, AuthConfig, mailConfig, MailConfig } from '@causeway/config';
import { usersSql } from '@causeway/accounts';
import { clearDigestEntries, digestItems } from '@causeway/feed';
import { DigestCampaignItem, digestMail, Mailer, unsubscribeUrl } from '@causeway/mail';
import { campaignsMovedFor, MovedCampaignRow } from '@causeway/pledges';
import { digestGroups } from './digest-groups';
import { DIGEST_PLAN_LOCK, DueDigest, planScheduledBatch, unsentDigests } from './digest-ledger';

const BATCH = 1000;

export type DigestOutcome = 'sent' | 'empty' | 'skipped' | 'refused' | 'done-already';

interface LedgerRow {
  period_start: Date;
  sent_at: Date | null;
  email: string;
  display_name: string;
  locale: string;
  verified: boolean;
  frequency: string;
}

/**
 * The digest: planning (who is due, in batches, one set-based statement per batch) and sending
 * (one person and period per job). Each period's ledger row is locked FOR UPDATE while its email
 * is built and sent, and marked sent in the same transaction, so however many workers run the
 * job, and whatever restarts and retries happen, a person gets each period's digest at most once.
 */
@Injectable()
export class DigestsService {
  private readonly logger = new Logger(DigestsService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly mailer: Mailer,
    @Inject(mailConfig.KEY) private readonly mail: MailConfig,
    @Inject(authConfig.KEY) private readonly auth: AuthConfig,
  ) {}

  /**
   * The scheduled pass (one worker at a time): writes the ledger rows of everyone whose period
   * ended, batch by batch, and returns every unsent row (new ones, and older ones whose job was
   * lost) for the caller to enqueue. Null when another worker is planning.
   */
  /** Account deletion: the person's digest entries and unsent digests go, in the caller's transaction. */
  async forgetPerson(em: EntityManager, userId: string): Promise<void> {
    await clearDigestEntries(em, userId);
    await em.query('DELETE FROM digests WHERE user_id = $1 AND sent_at IS NULL', [userId]);
  }

  async planDue(): Promise<DueDigest[] | null> {
    if (!this.mailer.canSend) {
      this.logger.error('digests are not planned: no SMTP_URL is configured');
      return null;
    }
    const planned = await this.db.transaction(async (em) => {
      const [{ locked }]: { locked: boolean }[] = await em.query(
        'SELECT pg_try_advisory_xact_lock($1) AS locked',
        [DIGEST_PLAN_LOCK],
      );
      if (!locked) return null;
      let after = '00000000-0000-0000-0000-000000000000';
      let count = 0;
      for (;;) {
        const { due, lastId } = await planScheduledBatch(em, this.mail.digestHour, after, BATCH);
        count += due.length;
        if (!lastId) break;
        after = lastId;
      }
      return count;
    });
    if (planned === null) return null;
    if (planned > 0) this.logger.log(`${planned} digest(s) due`);
    return this.unsent();
  }

  /** Every ledger row not sent yet. */
  async unsent(): Promise<DueDigest[]> {
    const all: DueDigest[] = [];
    for (;;) {
      const page = await unsentDigests(this.db.manager, all.at(-1) ?? null, BATCH);
      all.push(...page);
      if (page.length < BATCH) return all;
    }
  }

  /** Builds and sends one person's digest for one period, at most once. */
  async send(userId: string, periodEnd: Date): Promise<DigestOutcome> {
    if (!this.mailer.canSend) {
      this.logger.error(`digest for ${userId} not sent: no SMTP_URL is configured`);
      return 'skipped';
    }
    try {
      return await this.db.transaction(async (em) => {
        const [row]: LedgerRow[] = await em.query(
          `SELECT d.period_start, d.sent_at, u.email, u.display_name, u.locale, u.email_verified_at IS NOT NULL AS verified, u.digest_frequency AS frequency
           FROM digests d JOIN ${usersSql.table} u ON u.id = d.user_id
           WHERE d.user_id = $1 AND d.period_end = $2 FOR UPDATE OF d`,
          [userId, periodEnd],
        );
        if (!row) return 'skipped';
        if (row.sent_at) return 'done-already';
        const mark = (count: number) =>
          em.query(
            'UPDATE digests SET sent_at = now(), item_count = $3 WHERE user_id = $1 AND period_end = $2',
            [userId, periodEnd, count],
          );
        if (!row.verified || row.frequency === 'OFF') {
          await mark(0);
          return 'skipped';
        }
        const [items, campaigns] = [
          await digestItems(em, userId, row.period_start, periodEnd),
          await campaignsMovedFor(em, userId, row.period_start, periodEnd),
        ];
        if (items.length === 0 && campaigns.length === 0) {
          await mark(0);
          return 'empty';
        }
        const unsubscribe = unsubscribeUrl(this.mail.appUrl, this.auth.jwtSecret, userId);
        const rendered = digestMail(
          row.locale,
          row.display_name,
          digestGroups(this.mail.appUrl, items),
          campaigns.map((c) => this.campaign(c, row.locale)),
          {
            unsubscribe,
            settings: `${this.mail.appUrl}/settings`,
          },
        );
        await this.mailer.send({
          to: row.email,
          ...rendered,
          messageId: `digest-${userId}-${periodEnd.getTime()}`,
          headers: {
            'List-Unsubscribe': `<${unsubscribe}>`,
            'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
          },
        });
        await mark(items.length);
        return 'sent';
      });
    } catch (err) {
      const code = (err as { responseCode?: number }).responseCode;
      if (code === undefined || code < 500 || code >= 600) throw err;
      // Refused for good (a bad address): recorded, not retried.
      this.logger.warn(`digest for ${userId} refused for good (SMTP ${code})`);
      await this.db.query(
        'UPDATE digests SET sent_at = now(), item_count = 0, failed = true WHERE user_id = $1 AND period_end = $2 AND sent_at IS NULL',
        [userId, periodEnd],
      );
      return 'refused';
    }
  }

  private campaign(c: MovedCampaignRow, locale: string): DigestCampaignItem {
    const lang = locale === 'de' ? 'de-DE' : 'en-GB';
    const goal = BigInt(c.goal_amount);
    const pledged = BigInt(c.pledged_total);
    const format = (n: bigint) => {
      if (c.goal_kind === 'MONEY' && c.currency) {
        const fmt = new Intl.NumberFormat(lang, { style: 'currency', currency: c.currency });
        const digits = fmt.resolvedOptions().maximumFractionDigits ?? 2;
        return fmt.format(Number(n) / 10 ** digits);
      }
      const num = new Intl.NumberFormat(lang).format(n);
      if (c.goal_kind === 'TIME') return locale === 'de' ? `${num} Min.` : `${num} min`;
      return locale === 'de' ? `${num} Aktionen` : `${num} actions`;
    };
    return {
      title: c.title,
      organization: c.organization_name,
      url: `${this.mail.appUrl}/campaigns/${c.id}`,
      pledged: format(pledged),
      goal: format(goal),
      percent: Number((pledged * 100n) / goal),
    };
  }
}
