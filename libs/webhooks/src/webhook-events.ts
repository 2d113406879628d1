/** The events a webhook can subscribe to (the contract's WebhookEvent). Stored as text: never rename. */
export enum WebhookEvent {
  UPDATE_POSTED = 'UPDATE_POSTED',
  NEW_FOLLOWER = 'NEW_FOLLOWER',
  PLEDGE_RECEIVED = 'PLEDGE_RECEIVED',
  PLEDGE_CANCELLED = 'PLEDGE_CANCELLED',
  PLEDGE_FULFILLED = 'PLEDGE_FULFILLED',
  CAMPAIGN_GOAL_REACHED = 'CAMPAIGN_GOAL_REACHED',
  /** Only from pingWebhook. */
  PING = 'PING',
}

/** The `type` of each event's JSON body (CONTRACT.md). */
export const WEBHOOK_TYPES: Record<WebhookEvent, string> = {
  [WebhookEvent.UPDATE_POSTED]: 'update.posted',
  [WebhookEvent.NEW_FOLLOWER]: 'follower.new',
  [WebhookEvent.PLEDGE_RECEIVED]: 'pledge.received',
  [WebhookEvent.PLEDGE_CANCELLED]: 'pledge.cancelled',
  [WebhookEvent.PLEDGE_FULFILLED]: 'pledge.fulfilled',
  [WebhookEvent.CAMPAIGN_GOAL_REACHED]: 'campaign.goal_reached',
  [WebhookEvent.PING]: 'webhook.ping',
};

export enum WebhookDeliveryStatus {
  PENDING = 'PENDING',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
}

/** The body every attempt of a delivery sends, byte for byte. */
export function webhookBody(
  event: WebhookEvent,
  occurredAt: Date,
  data: Record<string, unknown>,
): string {
  return JSON.stringify({ type: WEBHOOK_TYPES[event], timestamp: occurredAt.toISOString(), data });
}

export interface WebhookRow {
  id: string;
  organizationId: string;
  url: string;
  events: WebhookEvent[];
  active: boolean;
  createdAt: Date;
}

export interface WebhookDeliveryRow {
  id: string;
  webhookId: string;
  messageId: string;
  event: WebhookEvent;
  status: WebhookDeliveryStatus;
  attempts: number;
  responseStatus: number | null;
  createdAt: Date;
  nextAttemptAt: Date | null;
}

export const WEBHOOK_COLUMNS = `id, organization_id AS "organizationId", url, events, active, created_at AS "createdAt"`;
export const DELIVERY_COLUMNS = `id, webhook_id AS "webhookId", message_id AS "messageId", event, status, attempts,
  response_status AS "responseStatus", created_at AS "createdAt", next_attempt_at AS "nextAttemptAt"`;
