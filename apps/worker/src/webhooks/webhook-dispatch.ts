import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { CampaignsService, PledgeEntity, PledgesService } from '@causeway/pledges';
import { DomainEvent, EventHandlers, FollowEventData } from '@causeway/outbox';
import { QueueName, WebhookDeliverData, WebhookJob } from '@causeway/queue';
import { UpdatesService } from '@causeway/updates';
import { WebhookDeliveries, WebhookEvent } from '@causeway/webhooks';

/** Delivery jobs are kept a little after they end; the delivery log lives in PostgreSQL. */
const KEEP = {
  removeOnComplete: { age: 3600, count: 1000 },
  removeOnFail: { age: 24 * 3600, count: 5000 },
};

/**
 * Turns domain events into webhook deliveries: records one per subscribed webhook (idempotent per
 * event and webhook), then enqueues each still PENDING as `whd-<deliveryId>` (enqueued once while
 * the job exists). The data carries ids and amounts, never emails.
 */
@Injectable()
export class WebhookDispatch implements OnModuleInit {
  constructor(
    private readonly handlers: EventHandlers,
    private readonly deliveries: WebhookDeliveries,
    private readonly pledges: PledgesService,
    private readonly campaigns: CampaignsService,
    private readonly updates: UpdatesService,
    @InjectQueue(QueueName.Webhooks) private readonly queue: Queue,
  ) {}

  onModuleInit(): void {
    this.handlers.on(DomainEvent.PledgeReceived, ({ pledgeId }, eventId) =>
      this.pledge(WebhookEvent.PLEDGE_RECEIVED, pledgeId, eventId, (p) => p.createdAt),
    );
    this.handlers.on(DomainEvent.PledgeCancelled, ({ pledgeId }, eventId) =>
      this.pledge(WebhookEvent.PLEDGE_CANCELLED, pledgeId, eventId, (p) => p.cancelledAt),
    );
    this.handlers.on(DomainEvent.PledgeFulfilled, ({ pledgeId }, eventId) =>
      this.pledge(WebhookEvent.PLEDGE_FULFILLED, pledgeId, eventId, (p) => p.fulfilledAt),
    );
    this.handlers.on(DomainEvent.CampaignGoalReached, ({ campaignId }, eventId) =>
      this.goalReached(campaignId, eventId),
    );
    this.handlers.on(DomainEvent.Followed, (data, eventId) => this.followed(data, eventId));
    this.handlers.on(DomainEvent.UpdatePosted, ({ updateId }, eventId) =>
      this.updatePosted(updateId, eventId),
    );
    this.handlers.on(DomainEvent.WebhookPinged, async ({ deliveryId }) => {
      if (await this.deliveries.isPending(deliveryId)) await this.enqueue([deliveryId]);
    });
  }

  /** (Re-)enqueues deliveries; a job that exists already is left alone (same job id). */
  async enqueue(deliveryIds: string[]): Promise<void> {
    if (deliveryIds.length === 0) return;
    const retryDelaysMs = this.deliveries.retryDelaysMs;
    await this.queue.addBulk(
      deliveryIds.map((deliveryId) => ({
        name: WebhookJob.Deliver,
        data: { deliveryId, retryDelaysMs } satisfies WebhookDeliverData,
        opts: {
          jobId: `whd-${deliveryId}`,
          attempts: retryDelaysMs.length + 1,
          backoff: { type: 'webhook' },
          ...KEEP,
        },
      })),
    );
  }

  private async pledge(
    event: WebhookEvent,
    pledgeId: string,
    eventId: string,
    at: (p: PledgeEntity) => Date | null,
  ): Promise<void> {
    const [p] = await this.pledges.byIds([pledgeId]);
    if (!p) return;
    const campaign = await this.campaigns.byId(p.campaignId);
    if (!campaign) return;
    const data = {
      pledgeId: p.id,
      campaignId: p.campaignId,
      organizationId: campaign.organizationId,
      kind: p.kind,
      amount: p.amount.toString(),
      currency: p.currency,
      status: p.status,
    };
    await this.enqueue(
      await this.deliveries.record(
        event,
        campaign.organizationId,
        eventId,
        at(p) ?? new Date(),
        data,
      ),
    );
  }

  private async goalReached(campaignId: string, eventId: string): Promise<void> {
    const c = await this.campaigns.byId(campaignId);
    if (!c) return;
    const data = {
      campaignId: c.id,
      organizationId: c.organizationId,
      goalKind: c.goalKind,
      goalAmount: c.goalAmount.toString(),
      currency: c.currency,
      pledgedTotal: c.pledgedTotal.toString(),
    };
    await this.enqueue(
      await this.deliveries.record(
        WebhookEvent.CAMPAIGN_GOAL_REACHED,
        c.organizationId,
        eventId,
        c.goalReachedAt ?? new Date(),
        data,
      ),
    );
  }

  private async followed(
    { followerId, sourceKind, sourceId }: FollowEventData,
    eventId: string,
  ): Promise<void> {
    if (sourceKind !== 'ORGANIZATION') return;
    const data = { organizationId: sourceId, followerId };
    await this.enqueue(
      await this.deliveries.record(WebhookEvent.NEW_FOLLOWER, sourceId, eventId, new Date(), data),
    );
  }

  private async updatePosted(updateId: string, eventId: string): Promise<void> {
    const [u] = await this.updates.byIds([updateId]);
    if (!u || !u.organizationId || u.deletedAt || u.hiddenAt) return;
    const data = {
      updateId: u.id,
      organizationId: u.organizationId,
      campaignId: u.campaignId,
      authorId: u.authorId,
    };
    await this.enqueue(
      await this.deliveries.record(
        WebhookEvent.UPDATE_POSTED,
        u.organizationId,
        eventId,
        u.createdAt,
        data,
      ),
    );
  }
}
