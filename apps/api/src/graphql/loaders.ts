import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { AccountsService, UserEntity } from '@causeway/accounts';
import { CauseEntity, CausesService } from '@causeway/causes';
import { Delivery, FollowSource, FollowsService } from '@causeway/follows';
import {
  MembershipEntity,
  OrganizationEntity,
  OrganizationRole,
  OrganizationsService,
} from '@causeway/organizations';
import { UpdateEntity, UpdatesService } from '@causeway/updates';
import { CampaignEntity, CampaignsService, PledgeEntity, PledgesService } from '@causeway/pledges';
import { CommentsService, ReactionsService } from '@causeway/comments';
import { NotificationsService } from '@causeway/notifications';
import type { AuthUser } from './context';
import { listLoader, pagedLoader, setLoader } from './paged-loader';

/** Batches `ids` lookups into one call and answers in the order asked (null for unknown ids). */
export function byIdLoader<T extends { id: string }>(
  fetch: (ids: readonly string[]) => Promise<T[]>,
): DataLoader<string, T | null> {
  return new DataLoader<string, T | null>(async (ids) => {
    const found = new Map((await fetch(ids)).map((row) => [row.id, row]));
    return ids.map((id) => found.get(id) ?? null);
  });
}

const nobody = () => new DataLoader<string, boolean>(async (keys) => keys.map(() => false));

/**
 * Per-request DataLoaders: built once per request (or per subscription event) by the context
 * factory, never shared. Viewer-dependent loaders answer for the signed-in viewer, or as anonymous.
 */
@Injectable()
export class LoadersFactory {
  constructor(
    private readonly accounts: AccountsService,
    private readonly causes: CausesService,
    private readonly organizations: OrganizationsService,
    private readonly follows: FollowsService,
    private readonly updates: UpdatesService,
    private readonly campaigns: CampaignsService,
    private readonly pledges: PledgesService,
    private readonly comments: CommentsService,
    private readonly reactions: ReactionsService,
    private readonly notifications: NotificationsService,
  ) {}

  create(viewer: AuthUser | null = null) {
    const viewerFollows = (kind: FollowSource) =>
      viewer ? setLoader((ids) => this.follows.following(viewer.id, kind, ids)) : nobody();
    const viewerDelivery = (kind: FollowSource) =>
      new DataLoader<string, Delivery | null>(async (ids) => {
        if (!viewer) return ids.map(() => null);
        const found = await this.follows.deliveries(viewer.id, kind, ids);
        return ids.map((id) => found.get(id) ?? null);
      });
    return {
      users: byIdLoader<UserEntity>((ids) => this.accounts.byIds(ids)),
      causes: byIdLoader<CauseEntity>((ids) => this.causes.byIds(ids)),
      organizations: byIdLoader<OrganizationEntity>((ids) => this.organizations.byIds(ids)),
      causeChildren: listLoader(
        (ids) => this.causes.childrenOf(ids),
        (c) => c.parentId!,
      ),
      causeOrganizations: pagedLoader((ids, limit, after) =>
        this.organizations.pagesForCauses(ids, limit, after),
      ),
      organizationCauses: listLoader(
        (ids) => this.organizations.causesOf(ids),
        (r) => r.organizationId,
      ),
      organizationMembers: listLoader<MembershipEntity>(
        (ids) => this.organizations.membersOf(ids),
        (m) => m.organizationId,
      ),
      viewerRole: new DataLoader<string, OrganizationRole | null>(async (orgIds) => {
        if (!viewer) return orgIds.map(() => null);
        const roles = new Map(
          (await this.organizations.rolesOf(viewer.id, orgIds)).map((m) => [
            m.organizationId,
            m.role,
          ]),
        );
        return orgIds.map((id) => roles.get(id) ?? null);
      }),
      userFollowers: pagedLoader((ids, limit, after) =>
        this.follows.followerPages(FollowSource.USER, ids, limit, after),
      ),
      visibleUpdates: byIdLoader<UpdateEntity>((ids) =>
        this.updates.visibleByIds(viewer?.id ?? null, ids),
      ),
      updateCauses: listLoader(
        (ids) => this.updates.causesOf(ids),
        (r) => r.updateId,
      ),
      organizationUpdates: pagedLoader((ids, limit, after) =>
        this.updates.pagesForOrganizations(ids, viewer?.id ?? null, limit, after),
      ),
      causeUpdates: pagedLoader((ids, limit, after) =>
        this.updates.pagesForCauses(ids, viewer?.id ?? null, limit, after),
      ),
      userUpdates: pagedLoader((ids, limit, after) =>
        this.updates.pagesForAuthors(ids, viewer?.id ?? null, limit, after),
      ),
      viewerFollowsCause: viewerFollows(FollowSource.CAUSE),
      viewerFollowsOrganization: viewerFollows(FollowSource.ORGANIZATION),
      viewerFollowsUser: viewerFollows(FollowSource.USER),
      viewerCauseDelivery: viewerDelivery(FollowSource.CAUSE),
      viewerOrganizationDelivery: viewerDelivery(FollowSource.ORGANIZATION),
      viewerUserDelivery: viewerDelivery(FollowSource.USER),
      campaigns: byIdLoader<CampaignEntity>((ids) => this.campaigns.byIds(ids)),
      organizationCampaigns: pagedLoader((ids, limit, after) =>
        this.campaigns.pagesForOrganizations(ids, limit, after),
      ),
      causeCampaigns: pagedLoader((ids, limit, after) =>
        this.campaigns.pagesForCauses(ids, limit, after),
      ),
      campaignPledges: pagedLoader((ids, limit, after) =>
        this.pledges.pagesForCampaigns(ids, limit, after),
      ),
      viewerCampaignPledges: viewer
        ? listLoader<PledgeEntity>(
            (ids) => this.pledges.ofUserFor(viewer.id, ids),
            (p) => p.campaignId,
          )
        : listLoader<PledgeEntity>(
            async () => [],
            (p) => p.campaignId,
          ),
      /** Comment.update: the commented update as stored (its comments are only reachable while it is visible). */
      commentedUpdates: byIdLoader<UpdateEntity>((ids) => this.updates.byIds(ids)),
      updateComments: pagedLoader((ids, limit, after) =>
        this.comments.pagesForUpdates(ids, viewer?.id ?? null, limit, after),
      ),
      viewerReacted: viewer
        ? setLoader((ids) => this.reactions.reactedAmong(viewer.id, ids))
        : nobody(),
      unreadNotificationCount: new DataLoader<string, number>(async (userIds) => {
        const counts = await this.notifications.unreadCounts(userIds);
        return userIds.map((id) => counts.get(id) ?? 0);
      }),
    };
  }
}

export type Loaders = ReturnType<LoadersFactory['create']>;
