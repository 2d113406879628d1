import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CommentsModule } from '@causeway/comments';
import { FollowsModule } from '@causeway/follows';
import { BlocksService } from './blocks.service';
import { ReportEntity } from './report.entity';
import { ReportsService } from './reports.service';

@Module({
  imports: [TypeOrmModule.forFeature([ReportEntity]), CommentsModule, FollowsModule],
  providers: [ReportsService, BlocksService],
  exports: [ReportsService, BlocksService],
})
export class ModerationModule {}
