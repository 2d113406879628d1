import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OutboxModule } from '@causeway/outbox';
import { CommentEntity } from './comment.entity';
import { CommentsService } from './comments.service';
import { ReactionEntity } from './reaction.entity';
import { ReactionsService } from './reactions.service';

@Module({
  imports: [TypeOrmModule.forFeature([CommentEntity, ReactionEntity]), OutboxModule],
  providers: [CommentsService, ReactionsService],
  exports: [CommentsService, ReactionsService],
})
export class CommentsModule {}
