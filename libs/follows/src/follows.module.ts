import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OutboxModule } from '@causeway/outbox';
import { FollowEntity } from './follow.entity';
import { FollowsService } from './follows.service';

@Module({
  imports: [TypeOrmModule.forFeature([FollowEntity]), OutboxModule],
  providers: [FollowsService],
  exports: [FollowsService],
})
export class FollowsModule {}
