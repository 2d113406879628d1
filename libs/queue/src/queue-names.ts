/**
 * Queue and job names are a persisted contract (jobs outlive deploys): never rename casually.
 * No ':' in custom job ids (BullMQ rejects it).
 */
export enum QueueName {
  System = 'system',
  /** Domain events relayed from the outbox (job name = event type, job id `evt-<outboxId>`). */
  Events = 'events',
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
  /** A campaign's totals changed (message: { campaignId }). */
  campaignProgress: (campaignId: string) => `campaign.progress.${campaignId}`,
} as const;
