import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '@causeway/accounts';
import { BlocksModule } from '@causeway/blocks';
import { CommentsModule } from '@causeway/comments';
import { FollowsModule } from '@causeway/follows';
import { OrganizationsModule } from '@causeway/organizations';
import { UpdatesModule } from '@causeway/updates';
import { BlocksService } from './blocks.service';
import { ReportEntity } from './report.entity';
import { ReportsRepository } from './reports.repository';
import { ReportsService } from './reports.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([ReportEntity]),
    AccountsModule,
    BlocksModule,
    CommentsModule,
    FollowsModule,
    OrganizationsModule,
    UpdatesModule,
  ],
  providers: [ReportsService, BlocksService, ReportsRepository],
  exports: [ReportsService, BlocksService],
})
export class ModerationModule {}
