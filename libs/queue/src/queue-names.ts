/**
 * Queue and job names are a persisted contract (jobs outlive deploys): never rename casually.
 * No ':' in custom job ids (BullMQ rejects it).
 */
export enum QueueName {
  System = 'system',
  /** Domain events relayed from the outbox (job name = event type, job id `evt-<outboxId>`). */
  Events = 'events',
  /** Update fan-out: a root job per update (`fan-out-<updateId>`) planning chunk jobs (`fan-out-<updateId>-<seq>`). */
  Feed = 'feed',
  /** The digest: a scheduled planner (`plan-digests`) and one job per person and period (`digest-<userId>-<periodEnd ms>`). */
  Digest = 'digest',
  /** Webhook deliveries: one job per delivery (`whd-<deliveryId>`), retried on the delivery's schedule. */
  Webhooks = 'webhooks',
}

export enum DigestJob {
  Plan = 'plan-digests',
  Send = 'send-digest',
}

export interface SendDigestData {
  userId: string;
  /** The period's end, ISO 8601. */
  periodEnd: string;
}

export enum WebhookJob {
  Deliver = 'deliver',
}

export interface WebhookDeliverData {
  deliveryId: string;
  /** Delay before each retry (from WEBHOOKS_RETRY_SCHEDULE when the delivery was enqueued). */
  retryDelaysMs: number[];
}

export enum FeedJob {
  FanOutUpdate = 'fan-out-update',
  FanOutChunk = 'fan-out-chunk',
}

export interface FanOutUpdateData {
  updateId: string;
  eventId: string;
}

export interface FanOutChunkData {
  updateId: string;
  eventId: string;
  seq: number;
}

export enum SystemJob {
  /** The wiring probe: the worker answers with a `system.pong` event on the event bus. */
  Ping = 'ping',
}

export interface PingData {
  pingId: string;
}

/** Event-bus topics (cross-process pub/sub). */
export const Topics = {
  systemPong: 'system.pong',
  /** { updateId, userIds }: an update landed in these connected viewers' feeds. */
  feedItems: 'feed.items',
  /** A campaign's totals changed (message: { campaignId }). */
  campaignProgress: (campaignId: string) => `campaign.progress.${campaignId}`,
  /** { notificationId, recipientId }: a notification was created or folded a new event in (after commit). */
  notificationAdded: 'notifications.added',
} as const;
