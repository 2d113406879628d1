import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrganizationsModule } from '@causeway/organizations';
import { OutboxModule } from '@causeway/outbox';
import { EventBusModule } from '@causeway/queue';
import { CampaignEntity } from './campaign.entity';
import { CampaignsService } from './campaigns.service';
import { PledgeEntity } from './pledge.entity';
import { PledgesService } from './pledges.service';

/** Campaigns, pledges and their exact totals. */
@Module({
  imports: [
    TypeOrmModule.forFeature([CampaignEntity, PledgeEntity]),
    OrganizationsModule,
    OutboxModule,
    EventBusModule,
  ],
  providers: [CampaignsService, PledgesService],
  exports: [CampaignsService, PledgesService],
})
export class PledgesModule {}
