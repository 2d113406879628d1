import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CausesModule } from '@causeway/causes';
import { OutboxModule } from '@causeway/outbox';
import { MembershipEntity } from './membership.entity';
import { OrganizationEntity } from './organization.entity';
import { OrganizationsService } from './organizations.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([OrganizationEntity, MembershipEntity]),
    CausesModule,
    OutboxModule,
  ],
  providers: [OrganizationsService],
  exports: [OrganizationsService, CausesModule],
})
export class OrganizationsModule {}
