import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CausesModule } from '@causeway/causes';
import { MembershipEntity } from './membership.entity';
import { OrganizationEntity } from './organization.entity';
import { OrganizationsService } from './organizations.service';

@Module({
  imports: [TypeOrmModule.forFeature([OrganizationEntity, MembershipEntity]), CausesModule],
  providers: [OrganizationsService],
  exports: [OrganizationsService, CausesModule],
})
export class OrganizationsModule {}
