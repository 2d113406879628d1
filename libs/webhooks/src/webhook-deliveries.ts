import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { integrationsConfig, IntegrationsConfig } from '@causeway/config';
import { NotificationsService, NotificationType } from '@causeway/notifications';
import { postOnce, AttemptResult } from './sender';
import { signatureHeader } from './signing';
import { resolveTarget, TargetRefused } from './target-guard';
import { webhookBody, WebhookEvent } from './webhook-events';
import { MAX_IN_FLIGHT } from './webhooks.service';

export type AttemptOutcome = 'succeeded' | 'retry' | 'failed' | 'gone' | 'busy';

export interface AttemptResultOf {
  outcome: AttemptOutcome;
  /** 'busy': when to look again (another attempt to the same webhook is in flight). */
  retryInMs?: number;
}

export interface AttemptPlan {
  /** Attempts already made by the queue (0 on the first). */
  attemptsMade: number;
  maxAttempts: number;
  /** The delay before the next attempt if this one fails. */
  nextDelayMs: number;
}

interface DeliveryToSend {
  id: string;
  message_id: string;
  body: string;
  status: string;
  webhook_id: string;
  organization_id: string;
  url: string;
  secret: string;
  previous_secret: string | null;
  active: boolean;
  failing: boolean;
}

/**
 * The worker's side of webhooks: records one delivery per event and subscribed webhook, and makes
 * each attempt (a fresh name resolution and address check, one pinned connection, a bounded wait,
 * the Standard Webhooks headers with one signature per secret in force).
 */
@Injectable()
export class WebhookDeliveries {
  private readonly logger = new Logger(WebhookDeliveries.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(integrationsConfig.KEY) private readonly config: IntegrationsConfig,
    private readonly notifications: NotificationsService,
  ) {}

  get retryDelaysMs(): number[] {
    return this.config.retryDelaysMs;
  }

  /**
   * One delivery per active webhook of the organization subscribed to the event (idempotent per
   * event and webhook); returns the ids of the event's deliveries still PENDING, to enqueue.
   */
  async record(
    event: WebhookEvent,
    organizationId: string,
    eventId: string,
    occurredAt: Date,
    data: Record<string, unknown>,
  ): Promise<string[]> {
    const body = webhookBody(event, occurredAt, data);
    await this.db.query(
      `INSERT INTO webhook_deliveries (id, webhook_id, event_id, message_id, event, body, occurred_at, next_attempt_at)
       SELECT g.id, g.webhook_id, $3, 'msg_' || replace(g.id::text, '-', ''), $2, $4, $5, now()
       FROM (SELECT uuid_generate_v7() AS id, w.id AS webhook_id FROM webhooks w
             WHERE w.organization_id = $1 AND w.active AND $2 = ANY (w.events)) g
       ON CONFLICT (webhook_id, event_id) WHERE event_id IS NOT NULL DO NOTHING`,
      [organizationId, event, eventId, body, occurredAt],
    );
    const rows: { id: string }[] = await this.db.query(
      `SELECT id FROM webhook_deliveries WHERE event_id = $1 AND status = 'PENDING'`,
      [eventId],
    );
    return rows.map((r) => r.id);
  }

  /** Whether the delivery still waits to be sent (a ping's handler enqueues only those). */
  async isPending(deliveryId: string): Promise<boolean> {
    return (
      (
        await this.db.query<unknown[]>(
          `SELECT 1 FROM webhook_deliveries WHERE id = $1 AND status = 'PENDING'`,
          [deliveryId],
        )
      ).length > 0
    );
  }

  /** PENDING deliveries whose attempt is overdue by `seconds` (their job may be lost): for the sweeper. */
  async overdue(seconds: number, limit = 500): Promise<string[]> {
    const rows: { id: string }[] = await this.db.query(
      `SELECT id FROM webhook_deliveries WHERE status = 'PENDING' AND next_attempt_at < now() - make_interval(secs => $1)
       ORDER BY next_attempt_at LIMIT $2`,
      [seconds, limit],
    );
    return rows.map((r) => r.id);
  }

  /** Deletes up to `limit` finished deliveries older than `days` (the log keeps a month); returns how many. */
  async prune(days = 30, limit = 5000): Promise<number> {
    const rows: unknown[] = await this.db.query(
      `WITH d AS (DELETE FROM webhook_deliveries WHERE id IN (
                    SELECT id FROM webhook_deliveries WHERE status <> 'PENDING' AND completed_at < now() - make_interval(days => $1) LIMIT $2)
                  RETURNING 1)
       SELECT count(*)::int AS n FROM d`,
      [days, limit],
    );
    return (rows[0] as { n: number }).n;
  }

  /**
   * One attempt. Never throws for the receiver's faults: the outcome says what the queue does next.
   * Each webhook has at most MAX_IN_FLIGHT attempts in flight while healthy and one once it fails,
   * across every worker (leases in webhook_leases), so a slow or dead receiver holds a connection
   * and a worker slot or few, never the worker.
   */
  async attempt(deliveryId: string, plan: AttemptPlan): Promise<AttemptResultOf> {
    const [d]: DeliveryToSend[] = await this.db.query(
      `SELECT d.id, d.message_id, d.body, d.status, w.id AS webhook_id, w.organization_id, w.url, w.secret, w.active,
              CASE WHEN w.previous_secret_expires_at > now() THEN w.previous_secret END AS previous_secret,
              w.failing_since IS NOT NULL AS failing
       FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id WHERE d.id = $1`,
      [deliveryId],
    );
    if (!d || d.status !== 'PENDING') return { outcome: 'gone' };
    if (!d.active) {
      await this.db.query(
        `UPDATE webhook_deliveries SET status = 'FAILED', last_error = 'webhook disabled', next_attempt_at = NULL, completed_at = now()
         WHERE id = $1 AND status = 'PENDING'`,
        [d.id],
      );
      return { outcome: 'gone' };
    }
    const lease = await this.lease(d.webhook_id, d.failing ? 1 : MAX_IN_FLIGHT);
    if (lease.slot === null) {
      // Look again after about as long as the attempt in flight has taken so far (50 ms for a quick
      // receiver, seconds for a hanging one): few re-checks either way.
      const base = Math.min(
        Math.max(lease.elapsedMs, d.failing ? 1000 : 50),
        this.config.timeoutMs,
      );
      return { outcome: 'busy', retryInMs: Math.round(base * (1 + Math.random() / 2)) };
    }
    try {
      const result = await this.send(d);
      return { outcome: await this.settle(d, result, plan) };
    } finally {
      await this.db.query(
        `UPDATE webhook_leases SET until = '-infinity' WHERE webhook_id = $1 AND slot = $2`,
        [d.webhook_id, lease.slot],
      );
    }
  }

  private async send(d: DeliveryToSend): Promise<AttemptResult> {
    let target;
    try {
      target = await resolveTarget(d.url, this.config.allowPrivateTargets);
    } catch (err) {
      if (err instanceof TargetRefused)
        return { status: null, error: `target refused: ${err.message}`, ms: 0 };
      throw err;
    }
    const timestamp = Math.floor(Date.now() / 1000);
    const secrets = d.previous_secret ? [d.secret, d.previous_secret] : [d.secret];
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'Causeway-Webhooks/1',
      'webhook-id': d.message_id,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signatureHeader(secrets, d.message_id, timestamp, d.body),
    };
    return postOnce(target, headers, d.body, this.config.timeoutMs);
  }

  private async settle(
    d: DeliveryToSend,
    result: AttemptResult,
    plan: AttemptPlan,
  ): Promise<AttemptOutcome> {
    const ok = result.status !== null && result.status >= 200 && result.status < 300;
    if (ok) {
      await this.db.query(
        `UPDATE webhook_deliveries SET status = 'SUCCEEDED', attempts = attempts + 1, response_status = $2, last_error = NULL,
                next_attempt_at = NULL, completed_at = now() WHERE id = $1 AND status = 'PENDING'`,
        [d.id, result.status],
      );
      await this.db.query(
        'UPDATE webhooks SET failing_since = NULL WHERE id = $1 AND failing_since IS NOT NULL',
        [d.webhook_id],
      );
      this.logger.debug(
        `delivery ${d.id} to webhook ${d.webhook_id}: ${result.status} in ${result.ms} ms`,
      );
      return 'succeeded';
    }
    const last = plan.attemptsMade + 1 >= plan.maxAttempts;
    const error = result.error ?? `HTTP ${result.status}`;
    await this.db.query(
      `UPDATE webhook_deliveries SET attempts = attempts + 1, response_status = $2, last_error = $3,
              status = CASE WHEN $4 THEN 'FAILED' ELSE 'PENDING' END,
              next_attempt_at = CASE WHEN $4 THEN NULL ELSE now() + make_interval(secs => $5) END,
              completed_at = CASE WHEN $4 THEN now() END
       WHERE id = $1 AND status = 'PENDING'`,
      [d.id, result.status, error.slice(0, 200), last, plan.nextDelayMs / 1000],
    );
    this.logger.log(
      `delivery ${d.id} to webhook ${d.webhook_id} failed (attempt ${plan.attemptsMade + 1}/${plan.maxAttempts}): ${error}`,
    );
    await this.noteFailure(d);
    return last ? 'failed' : 'retry';
  }

  /** Starts (or continues) the failing period; past WEBHOOKS_DISABLE_AFTER_HOURS, disables the webhook and tells the OWNERs. */
  private async noteFailure(d: DeliveryToSend): Promise<void> {
    await this.db.query(
      'UPDATE webhooks SET failing_since = now() WHERE id = $1 AND failing_since IS NULL',
      [d.webhook_id],
    );
    const disabled: unknown[] = await this.db.query(
      `WITH x AS (UPDATE webhooks SET active = false, disabled_at = now()
                  WHERE id = $1 AND active AND failing_since < now() - make_interval(secs => $2) RETURNING id)
       SELECT id FROM x`,
      [d.webhook_id, this.config.disableAfterMs / 1000],
    );
    if (disabled.length === 0) return;
    this.logger.warn(
      `webhook ${d.webhook_id} of organization ${d.organization_id} disabled after failing too long`,
    );
    const owners = await this.notifications.ownersOf(d.organization_id);
    // The delivery whose failure disabled it stands for the event: a retried job notifies nobody twice.
    await this.notifications.send({
      eventId: d.id,
      type: NotificationType.WEBHOOK_DISABLED,
      recipientIds: owners,
      organizationId: d.organization_id,
    });
  }

  /**
   * Takes a free slot among the webhook's first `slots` (held at most the timeout plus 5 s, should
   * a worker die holding it); when none is free, how long the oldest attempt in flight has taken.
   */
  private async lease(
    webhookId: string,
    slots: number,
  ): Promise<{ slot: number | null; elapsedMs: number }> {
    const holdSeconds = this.config.timeoutMs / 1000 + 5;
    const [row]: { slot: number | null; elapsed_ms: number | null }[] = await this.db.query(
      `WITH free AS (SELECT slot FROM webhook_leases WHERE webhook_id = $1 AND slot < $2 AND until < now()
                     ORDER BY slot LIMIT 1 FOR UPDATE SKIP LOCKED),
            l AS (UPDATE webhook_leases x SET started_at = now(), until = now() + make_interval(secs => $3)
                  FROM free WHERE x.webhook_id = $1 AND x.slot = free.slot RETURNING x.slot)
       SELECT (SELECT slot FROM l) AS slot,
              (SELECT extract(epoch FROM now() - min(started_at)) * 1000 FROM webhook_leases WHERE webhook_id = $1 AND until >= now()) AS elapsed_ms`,
      [webhookId, slots, holdSeconds],
    );
    return { slot: row?.slot ?? null, elapsedMs: Math.max(0, Number(row?.elapsed_ms ?? 0)) };
  }
}
