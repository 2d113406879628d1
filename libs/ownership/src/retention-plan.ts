import { EntityManager } from 'typeorm';
import { AccountsRetention, EMAIL_TOKENS_KEPT_MS } from '@causeway/accounts/retention.repository';
import { DigestRetention, SENT_DIGESTS_KEPT_MS } from '@causeway/digest/retention.repository';
import {
  DIGEST_ENTRIES_KEPT_MS,
  FANOUT_CHUNKS_KEPT_MS,
  FeedRetention,
} from '@causeway/feed/retention.repository';
import { MailRetention, SENT_EMAILS_KEPT_MS } from '@causeway/mail/retention.repository';
import {
  NOTIFICATION_RECEIPTS_KEPT_MS,
  NotificationsRetention,
} from '@causeway/notifications/retention.repository';
import { COMPLETED_EVENTS_KEPT_MS, OutboxRetention } from '@causeway/outbox/retention.repository';
import { UpdatesRetention } from '@causeway/updates/retention.repository';

/** One table housekeeping keeps from growing without end; how long its rows stay is its owner's rule. */
export interface Prune {
  table: string;
  keptMs: number;
  /** Deletes every row that became due before `before`, `batch` rows per statement; returns how many went. */
  prune(em: EntityManager, before: Date, batch: number): Promise<number>;
}

/** Repeats a batch deletion until one deletes fewer than `batch` rows; returns the total. */
export async function untilShort(
  purge: (limit: number) => Promise<number>,
  batch: number,
): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await purge(batch);
    total += n;
    if (n < batch) return total;
  }
}

/**
 * The chunk ledgers of fan-outs that finished before `before`: the feed names the updates that
 * still have a ledger, the updates say which finished (keyset over update ids).
 */
async function pruneFinishedFanOuts(
  em: EntityManager,
  before: Date,
  batch: number,
): Promise<number> {
  let total = 0;
  let after: string | null = null;
  for (;;) {
    const ids = await FeedRetention.updatesWithChunks(em, after, batch);
    const finished = await UpdatesRetention.fannedOutBefore(em, ids, before);
    total += await FeedRetention.purgeChunksOf(em, finished);
    if (ids.length < batch) return total;
    after = ids[ids.length - 1];
  }
}

/** A batch deletion `(em, before, limit)` repeated until it comes back short. */
function batched(
  purge: (em: EntityManager, before: Date, limit: number) => Promise<number>,
): Prune['prune'] {
  return (em, before, batch) => untilShort((limit) => purge(em, before, limit), batch);
}

/** What housekeeping prunes, in this order. */
export const PRUNES: readonly Prune[] = [
  {
    table: 'outbox_events',
    keptMs: COMPLETED_EVENTS_KEPT_MS,
    prune: batched((...a) => OutboxRetention.purgeCompleted(...a)),
  },
  {
    table: 'notification_receipts',
    keptMs: NOTIFICATION_RECEIPTS_KEPT_MS,
    prune: batched((...a) => NotificationsRetention.purgeReceipts(...a)),
  },
  { table: 'fanout_chunks', keptMs: FANOUT_CHUNKS_KEPT_MS, prune: pruneFinishedFanOuts },
  {
    table: 'digest_entries',
    keptMs: DIGEST_ENTRIES_KEPT_MS,
    prune: batched((...a) => FeedRetention.purgeDigestEntries(...a)),
  },
  {
    table: 'digests',
    keptMs: SENT_DIGESTS_KEPT_MS,
    prune: batched((...a) => DigestRetention.purgeSent(...a)),
  },
  {
    table: 'sent_emails',
    keptMs: SENT_EMAILS_KEPT_MS,
    prune: batched((...a) => MailRetention.purgeSent(...a)),
  },
  {
    table: 'email_tokens',
    keptMs: EMAIL_TOKENS_KEPT_MS,
    prune: batched((...a) => AccountsRetention.purgeExpiredEmailTokens(...a)),
  },
];
