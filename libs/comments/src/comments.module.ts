import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '@causeway/accounts';
import { BlocksModule } from '@causeway/blocks';
import { OrganizationsModule } from '@causeway/organizations';
import { UpdatesModule } from '@causeway/updates';
import { CommentEntity } from './comment.entity';
import { CommentsRepository } from './comments.repository';
import { CommentsService } from './comments.service';
import { EngagementGuard } from './engagement-guard';
import { ReactionEntity } from './reaction.entity';
import { ReactionsRepository } from './reactions.repository';
import { ReactionsService } from './reactions.service';
import { OutboxModule } from '@causeway/outbox';

@Module({
  imports: [
    TypeOrmModule.forFeature([CommentEntity, ReactionEntity]),
    AccountsModule,
    BlocksModule,
    OrganizationsModule,
    UpdatesModule,
    OutboxModule,
  ],
  providers: [
    CommentsService,
    ReactionsService,
    CommentsRepository,
    ReactionsRepository,
    EngagementGuard,
  ],
  exports: [CommentsService, ReactionsService],
})
export class CommentsModule {}
