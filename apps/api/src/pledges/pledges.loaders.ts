import { Injectable, OnModuleInit } from '@nestjs/common';
import { CampaignEntity, CampaignsService, PledgeEntity, PledgesService } from '@causeway/pledges';
import type { AuthUser } from '../graphql/context';
import { BuiltLoaders, LoadersFactory } from '../graphql/loaders';
import { byIdLoader, listLoader, pagedLoader } from '../graphql/paged-loader';

/** Campaigns by id and per organization and cause, their pledges, and the viewer's own pledges. */
@Injectable()
export class PledgesLoaders implements OnModuleInit {
  constructor(
    private readonly loaders: LoadersFactory,
    private readonly campaigns: CampaignsService,
    private readonly pledges: PledgesService,
  ) {}

  onModuleInit(): void {
    this.loaders.register(this.builders());
  }

  builders() {
    return {
      campaigns: () => byIdLoader<CampaignEntity>((ids) => this.campaigns.byIds(ids)),
      organizationCampaigns: () =>
        pagedLoader((ids, limit, after) => this.campaigns.pagesForOrganizations(ids, limit, after)),
      causeCampaigns: () =>
        pagedLoader((ids, limit, after) => this.campaigns.pagesForCauses(ids, limit, after)),
      campaignPledges: () =>
        pagedLoader((ids, limit, after) => this.pledges.pagesForCampaigns(ids, limit, after)),
      viewerCampaignPledges: (viewer: AuthUser | null) =>
        listLoader<PledgeEntity>(
          async (ids) => (viewer ? this.pledges.ofUserFor(viewer.id, ids) : []),
          (p) => p.campaignId,
        ),
    };
  }
}

declare module '../graphql/loaders' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- adds this feature's loaders by declaration merging
  interface Loaders extends BuiltLoaders<ReturnType<PledgesLoaders['builders']>> {}
}
