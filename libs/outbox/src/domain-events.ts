/**
 * Domain events: what happened, as ids only (handlers re-read state). Their names are a persisted
 * contract (outbox rows and jobs outlive deploys): never rename casually.
 */
export enum DomainEvent {
  Followed = 'followed',
  Unfollowed = 'unfollowed',
  MembershipGranted = 'membership-granted',
  OrganizationVerified = 'organization-verified',
  /** Relayed to the feed queue as the fan-out's root job (`fan-out-<updateId>`), not to the events queue. */
  UpdatePosted = 'update-posted',
  PledgeReceived = 'pledge-received',
  PledgeFulfilled = 'pledge-fulfilled',
  CampaignGoalReached = 'campaign-goal-reached',
  /** A comment was added (not on one's own update only: the handler decides who hears of it). */
  UpdateCommented = 'update-commented',
  /** A reaction was added (only when the row was new). */
  UpdateReacted = 'update-reacted',
  /** Send a verification email (the worker makes the token). */
  VerificationEmailRequested = 'verification-email-requested',
  /** Send a password reset email (the worker makes the token). */
  PasswordResetRequested = 'password-reset-requested',
  /** Digest ledger rows were written (by `send-digests --now`): the worker enqueues their emails. */
  DigestsDue = 'digests-due',
  PledgeCancelled = 'pledge-cancelled',
  /** pingWebhook wrote a PING delivery: the handler enqueues its attempt. */
  WebhookPinged = 'webhook-pinged',
  /** requestDataExport: the handler builds the archive. */
  DataExportRequested = 'data-export-requested',
}

export type FollowSourceKind = 'CAUSE' | 'ORGANIZATION' | 'USER';

export interface FollowEventData {
  followerId: string;
  sourceKind: FollowSourceKind;
  sourceId: string;
}

export interface MembershipGrantedData {
  organizationId: string;
  userId: string;
  role: string;
  actorId: string;
}

export interface OrganizationVerifiedData {
  organizationId: string;
  actorId: string;
}

export interface UpdatePostedData {
  updateId: string;
}

export interface PledgeReceivedData {
  pledgeId: string;
  campaignId: string;
  organizationId: string;
  userId: string;
}

export interface PledgeFulfilledData {
  pledgeId: string;
  campaignId: string;
  organizationId: string;
  userId: string;
  actorId: string;
}

export interface CampaignGoalReachedData {
  campaignId: string;
  organizationId: string;
}

export interface UpdateCommentedData {
  commentId: string;
  updateId: string;
  actorId: string;
}

export interface UpdateReactedData {
  updateId: string;
  actorId: string;
}

export interface EmailRequestedData {
  userId: string;
}

export interface DigestsDueData {
  periodEnd: string;
}

export interface PledgeCancelledData {
  pledgeId: string;
  campaignId: string;
  organizationId: string;
  userId: string;
}

export interface WebhookPingedData {
  deliveryId: string;
}

export interface DataExportRequestedData {
  exportId: string;
  userId: string;
}

export interface DomainEventData {
  [DomainEvent.Followed]: FollowEventData;
  [DomainEvent.Unfollowed]: FollowEventData;
  [DomainEvent.MembershipGranted]: MembershipGrantedData;
  [DomainEvent.OrganizationVerified]: OrganizationVerifiedData;
  [DomainEvent.UpdatePosted]: UpdatePostedData;
  [DomainEvent.PledgeReceived]: PledgeReceivedData;
  [DomainEvent.PledgeFulfilled]: PledgeFulfilledData;
  [DomainEvent.CampaignGoalReached]: CampaignGoalReachedData;
  [DomainEvent.UpdateCommented]: UpdateCommentedData;
  [DomainEvent.UpdateReacted]: UpdateReactedData;
  [DomainEvent.VerificationEmailRequested]: EmailRequestedData;
  [DomainEvent.PasswordResetRequested]: EmailRequestedData;
  [DomainEvent.DigestsDue]: DigestsDueData;
  [DomainEvent.PledgeCancelled]: PledgeCancelledData;
  [DomainEvent.WebhookPinged]: WebhookPingedData;
  [DomainEvent.DataExportRequested]: DataExportRequestedData;
}

/** What a relayed job carries: the outbox row's id and the event's data. */
export type EventJobData<E extends DomainEvent = DomainEvent> = DomainEventData[E] & {
  eventId: string;
};
