import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '@causeway/accounts';
import { CausesModule } from '@causeway/causes';
import { MembershipEntity } from './membership.entity';
import { OrganizationEntity } from './organization.entity';
import { OrganizationsRepository } from './organizations.repository';
import { OrganizationsService } from './organizations.service';
import { OutboxModule } from '@causeway/outbox';

@Module({
  imports: [
    TypeOrmModule.forFeature([OrganizationEntity, MembershipEntity]),
    CausesModule,
    AccountsModule,
    OutboxModule,
  ],
  providers: [OrganizationsService, OrganizationsRepository],
  exports: [OrganizationsService, OrganizationsRepository, CausesModule],
})
export class OrganizationsModule {}
