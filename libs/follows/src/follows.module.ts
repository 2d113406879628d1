import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { FollowEntity } from './follow.entity';
import { FollowsService } from './follows.service';

@Module({
  imports: [TypeOrmModule.forFeature([FollowEntity])],
  providers: [FollowsService],
  exports: [FollowsService],
})
export class FollowsModule {}
