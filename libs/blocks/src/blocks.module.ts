import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BlocksRepository } from './blocks.repository';
import { UserBlockEntity } from './user-block.entity';

/** Owns `user_blocks`: the block rule's one home, read by follows, comments, updates and more. */
@Module({
  imports: [TypeOrmModule.forFeature([UserBlockEntity])],
  providers: [BlocksRepository],
  exports: [BlocksRepository],
})
export class BlocksModule {}
