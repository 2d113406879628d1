import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '@causeway/accounts';
import { BlocksModule } from '@causeway/blocks';
import { CausesModule } from '@causeway/causes';
import { OrganizationsModule } from '@causeway/organizations';
import { FollowEntity } from './follow.entity';
import { FollowsRepository } from './follows.repository';
import { FollowsService } from './follows.service';
import { OutboxModule } from '@causeway/outbox';

@Module({
  imports: [
    TypeOrmModule.forFeature([FollowEntity]),
    AccountsModule,
    BlocksModule,
    CausesModule,
    OrganizationsModule,
    OutboxModule,
  ],
  providers: [FollowsService, FollowsRepository],
  exports: [FollowsService, FollowsRepository],
})
export class FollowsModule {}
