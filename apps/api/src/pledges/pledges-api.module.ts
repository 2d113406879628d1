import { Module } from '@nestjs/common';
import { PledgesModule } from '@causeway/pledges';
import { EventBusModule } from '@causeway/queue';
import { AuthModule } from '../auth/auth.module';
import { GraphqlSupportModule } from '../graphql/graphql-support.module';
import { PledgesLoaders } from './pledges.loaders';
import {
  CampaignsResolver,
  CauseCampaignsResolver,
  OrganizationCampaignsResolver,
  PledgesResolver,
  ViewerPledgesResolver,
} from './pledges.resolver';

/** Campaigns and pledges: createCampaign, pledge, cancel, fulfil, the totals and campaignProgress. */
@Module({
  imports: [PledgesModule, EventBusModule, AuthModule, GraphqlSupportModule],
  providers: [
    CampaignsResolver,
    PledgesResolver,
    OrganizationCampaignsResolver,
    CauseCampaignsResolver,
    ViewerPledgesResolver,
    PledgesLoaders,
  ],
})
export class PledgesApiModule {}
