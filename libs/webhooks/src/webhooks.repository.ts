import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  DELIVERY_COLUMNS,
  WEBHOOK_COLUMNS,
  WebhookDeliveryRow,
  WebhookEvent,
  WebhookRow,
} from './webhook-events';

/**
 * The management side of `webhooks`, `webhook_leases` and `webhook_deliveries` (SQL). Methods
 * taking an EntityManager run in the caller's transaction.
 */
@Injectable()
export class WebhooksRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The organization's webhooks, oldest first. */
  ofOrganization(organizationId: string): Promise<WebhookRow[]> {
    return this.db.query(
      `SELECT ${WEBHOOK_COLUMNS} FROM webhooks WHERE organization_id = $1 ORDER BY created_at, id`,
      [organizationId],
    );
  }

  async countOf(em: EntityManager, organizationId: string): Promise<number> {
    const [{ n }]: { n: number }[] = await em.query(
      'SELECT count(*)::int AS n FROM webhooks WHERE organization_id = $1',
      [organizationId],
    );
    return n;
  }

  /** A new webhook with its `slots` delivery leases. */
  async insert(
    em: EntityManager,
    organizationId: string,
    url: string,
    events: WebhookEvent[],
    secret: string,
    slots: number,
  ): Promise<WebhookRow> {
    const [row]: WebhookRow[] = await em.query(
      `INSERT INTO webhooks (organization_id, url, events, secret) VALUES ($1, $2, $3, $4) RETURNING ${WEBHOOK_COLUMNS}`,
      [organizationId, url, events, secret],
    );
    await em.query(
      'INSERT INTO webhook_leases (webhook_id, slot) SELECT $1, g FROM generate_series(0, $2 - 1) g',
      [row.id, slots],
    );
    return row;
  }

  async lock(em: EntityManager, id: string): Promise<WebhookRow | undefined> {
    const [hook]: WebhookRow[] = await em.query(
      `SELECT ${WEBHOOK_COLUMNS} FROM webhooks WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return hook;
  }

  async remove(em: EntityManager, id: string): Promise<void> {
    await em.query('DELETE FROM webhooks WHERE id = $1', [id]);
  }

  /** A new secret; the old one keeps signing for `overlapSeconds`. Re-enables the webhook. */
  async rotate(
    em: EntityManager,
    id: string,
    secret: string,
    overlapSeconds: number,
  ): Promise<WebhookRow> {
    const [row]: WebhookRow[] = await em.query(
      `WITH r AS (UPDATE webhooks SET previous_secret = secret, previous_secret_expires_at = now() + make_interval(secs => $3),
                           secret = $2, active = true, disabled_at = NULL, failing_since = NULL
                    WHERE id = $1 RETURNING *)
         SELECT ${WEBHOOK_COLUMNS} FROM r`,
      [id, secret, overlapSeconds],
    );
    return row;
  }

  /** A delivery to send now (its message id derived from its id). */
  async insertDelivery(
    em: EntityManager,
    webhookId: string,
    event: WebhookEvent,
    body: string,
    occurredAt: Date,
  ): Promise<WebhookDeliveryRow> {
    const [row]: WebhookDeliveryRow[] = await em.query(
      `WITH g AS (SELECT uuid_generate_v7() AS id)
         INSERT INTO webhook_deliveries (id, webhook_id, message_id, event, body, occurred_at, next_attempt_at)
         SELECT g.id, $1, 'msg_' || replace(g.id::text, '-', ''), $2, $3, $4, now() FROM g
         RETURNING ${DELIVERY_COLUMNS}`,
      [webhookId, event, body, occurredAt],
    );
    return row;
  }

  /** Up to `limit` deliveries per webhook below `before`, newest first: one LATERAL query. */
  deliveryRows(webhookIds: string[], before: string, limit: number): Promise<WebhookDeliveryRow[]> {
    return this.db.query(
      `SELECT d.* FROM unnest($1::uuid[]) AS w(id)
       CROSS JOIN LATERAL (SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries
                           WHERE webhook_id = w.id AND id < $2 ORDER BY id DESC LIMIT $3) d`,
      [webhookIds, before, limit],
    );
  }
}
