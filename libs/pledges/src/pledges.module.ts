import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrganizationsModule } from '@causeway/organizations';
import { CampaignEntity } from './campaign.entity';
import { CampaignsService } from './campaigns.service';
import { PledgeEntity } from './pledge.entity';
import { PledgesRepository } from './pledges.repository';
import { PledgesService } from './pledges.service';
import { OutboxModule } from '@causeway/outbox';
import { EventBusModule } from '@causeway/queue';

/** Campaigns, pledges and their exact totals. Needs the global Outbox and EventBus. */
@Module({
  imports: [
    TypeOrmModule.forFeature([CampaignEntity, PledgeEntity]),
    OrganizationsModule,
    OutboxModule,
    EventBusModule,
  ],
  providers: [CampaignsService, PledgesService, PledgesRepository],
  exports: [CampaignsService, PledgesService],
})
export class PledgesModule {}
