import { Module } from '@nestjs/common';
import { PledgesModule } from '@causeway/pledges';
import {
  CampaignsResolver,
  CauseCampaignsResolver,
  OrganizationCampaignsResolver,
  PledgesResolver,
  ViewerPledgesResolver,
} from './pledges.resolver';

/** Campaigns and pledges: createCampaign, pledge, cancel, fulfil, the totals and campaignProgress. */
@Module({
  imports: [PledgesModule],
  providers: [
    CampaignsResolver,
    PledgesResolver,
    OrganizationCampaignsResolver,
    CauseCampaignsResolver,
    ViewerPledgesResolver,
  ],
})
export class PledgesApiModule {}
