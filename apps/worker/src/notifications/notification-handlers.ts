import { Injectable, OnModuleInit } from '@nestjs/common';
import { CommentsService, ReactionsService } from '@causeway/comments';
import { FollowSource, FollowsService } from '@causeway/follows';
import { NotificationsService, NotificationType } from '@causeway/notifications';
import { PledgesService } from '@causeway/pledges';
import {
  CampaignGoalReachedData,
  DomainEvent,
  FollowEventData,
  PledgeFulfilledData,
  PledgeReceivedData,
  MembershipGrantedData,
  OrganizationVerifiedData,
  UpdateCommentedData,
  UpdateReactedData,
  EventHandlers,
} from '@causeway/outbox';

/**
 * Turns domain events into notifications. Each handler re-reads state (a follow, comment or
 * reaction already taken back notifies nobody) and leaves idempotency to NotificationsService.send
 * (one notification per event and recipient, however often the job runs).
 */
@Injectable()
export class NotificationHandlers implements OnModuleInit {
  constructor(
    private readonly handlers: EventHandlers,
    private readonly notifications: NotificationsService,
    private readonly pledges: PledgesService,
    private readonly follows: FollowsService,
    private readonly comments: CommentsService,
    private readonly reactions: ReactionsService,
  ) {}

  onModuleInit(): void {
    this.handlers.on(DomainEvent.Followed, (data, eventId) => this.followed(data, eventId));
    this.handlers.on(DomainEvent.UpdateCommented, (data, eventId) => this.commented(data, eventId));
    this.handlers.on(DomainEvent.UpdateReacted, (data, eventId) => this.reacted(data, eventId));
    this.handlers.on(DomainEvent.MembershipGranted, (data, eventId) =>
      this.membershipGranted(data, eventId),
    );
    this.handlers.on(DomainEvent.OrganizationVerified, (data, eventId) =>
      this.organizationVerified(data, eventId),
    );
    this.handlers.on(DomainEvent.PledgeReceived, (data, eventId) =>
      this.pledgeReceived(data, eventId),
    );
    this.handlers.on(DomainEvent.PledgeFulfilled, (data, eventId) =>
      this.pledgeFulfilled(data, eventId),
    );
    this.handlers.on(DomainEvent.CampaignGoalReached, (data, eventId) =>
      this.goalReached(data, eventId),
    );
  }

  /** PLEDGE_RECEIVED to the organization's OWNERs and ADMINs (folded per campaign while unread). */
  async pledgeReceived(
    { campaignId, organizationId, userId }: PledgeReceivedData,
    eventId: string,
  ): Promise<void> {
    const managers = await this.notifications.managersOf(organizationId);
    await this.notifications.send({
      eventId,
      type: NotificationType.PLEDGE_RECEIVED,
      recipientIds: managers,
      actorId: userId,
      campaignId,
      organizationId,
    });
  }

  /** PLEDGE_FULFILLED to the pledger. */
  async pledgeFulfilled(
    { campaignId, organizationId, userId, actorId }: PledgeFulfilledData,
    eventId: string,
  ): Promise<void> {
    await this.notifications.send({
      eventId,
      type: NotificationType.PLEDGE_FULFILLED,
      recipientIds: [userId],
      actorId,
      campaignId,
      organizationId,
    });
  }

  /**
   * CAMPAIGN_GOAL_REACHED, once per campaign (one event), to the organization's members and every
   * pledger whose pledge still counts. No actor: the pledge that crossed the goal is everyone's.
   */
  async goalReached(
    { campaignId, organizationId }: CampaignGoalReachedData,
    eventId: string,
  ): Promise<void> {
    const recipients = [
      ...(await this.notifications.membersOf(organizationId)),
      ...(await this.pledges.countingPledgerIds(campaignId)),
    ];
    await this.notifications.send({
      eventId,
      type: NotificationType.CAMPAIGN_GOAL_REACHED,
      recipientIds: recipients,
      campaignId,
      organizationId,
    });
  }

  /** NEW_FOLLOWER to the followed person, or to the OWNERs/ADMINs of the followed organization. */
  async followed(
    { followerId, sourceKind, sourceId }: FollowEventData,
    eventId: string,
  ): Promise<void> {
    if (sourceKind === 'CAUSE') return;
    const still = await this.follows.following(followerId, sourceKind as FollowSource, [sourceId]);
    if (!still.has(sourceId)) return;
    const isOrg = sourceKind === 'ORGANIZATION';
    await this.notifications.send({
      eventId,
      type: NotificationType.NEW_FOLLOWER,
      recipientIds: isOrg ? await this.notifications.managersOf(sourceId) : [sourceId],
      actorId: followerId,
      organizationId: isOrg ? sourceId : null,
    });
  }

  /** UPDATE_COMMENTED to the update's author, while the comment and the update are there. */
  async commented(
    { commentId, updateId, actorId }: UpdateCommentedData,
    eventId: string,
  ): Promise<void> {
    const authorId = await this.comments.updateAuthorOfVisibleComment(commentId);
    if (!authorId) return;
    await this.notifications.send({
      eventId,
      type: NotificationType.UPDATE_COMMENTED,
      recipientIds: [authorId],
      actorId,
      updateId,
    });
  }

  /** UPDATE_REACTED to the update's author, while the reaction and the update are there. */
  async reacted({ updateId, actorId }: UpdateReactedData, eventId: string): Promise<void> {
    const authorId = await this.reactions.updateAuthorIfReacted(updateId, actorId);
    if (!authorId) return;
    await this.notifications.send({
      eventId,
      type: NotificationType.UPDATE_REACTED,
      recipientIds: [authorId],
      actorId,
      updateId,
    });
  }

  /** MEMBERSHIP_GRANTED to the new member. */
  async membershipGranted(
    { organizationId, userId, actorId }: MembershipGrantedData,
    eventId: string,
  ): Promise<void> {
    await this.notifications.send({
      eventId,
      type: NotificationType.MEMBERSHIP_GRANTED,
      recipientIds: [userId],
      actorId,
      organizationId,
    });
  }

  /** ORGANIZATION_VERIFIED to the organization's OWNERs. */
  async organizationVerified(
    { organizationId, actorId }: OrganizationVerifiedData,
    eventId: string,
  ): Promise<void> {
    const owners = await this.notifications.ownersOf(organizationId);
    await this.notifications.send({
      eventId,
      type: NotificationType.ORGANIZATION_VERIFIED,
      recipientIds: owners,
      actorId,
      organizationId,
    });
  }
}
