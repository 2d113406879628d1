import { UseGuards } from '@nestjs/common';
import { Args, Context, ID, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { UserEntity } from '@causeway/accounts';
import { CommentEntity, CommentsService, ReactionsService } from '@causeway/comments';
import { UpdateEntity, UpdatesService } from '@causeway/updates';
import { User } from '../accounts/user.model';
import { CurrentUser, GqlAuthGuard } from '../auth/auth.guards';
import { ConnectionShape, PageArgs, connectionOf } from '../graphql/connection';
import type { AuthUser, GqlContext } from '../graphql/context';
import { Update } from '../updates/update.model';
import { AddCommentArgs, Comment, CommentConnection } from './comment.model';

@Resolver(() => Comment)
export class CommentsResolver {
  constructor(private readonly comments: CommentsService) {}

  @Mutation(() => Comment, {
    description:
      "Comments on a visible update (NOT_FOUND otherwise); FORBIDDEN when its author and the viewer have blocked one another. Notifies the update's author.",
  })
  @UseGuards(GqlAuthGuard)
  addComment(
    @CurrentUser() viewer: AuthUser,
    @Args() { updateId, body }: AddCommentArgs,
  ): Promise<CommentEntity> {
    return this.comments.add(viewer.id, updateId, body);
  }

  @Mutation(() => Boolean, {
    description:
      "Deletes a comment: its author, the update's author, or an ADMIN/OWNER of the update's organization (else FORBIDDEN). NOT_FOUND for an unknown id.",
  })
  @UseGuards(GqlAuthGuard)
  async deleteComment(
    @CurrentUser() viewer: AuthUser,
    @Args('id', { type: () => ID, description: 'The comment to delete.' }) id: string,
  ): Promise<boolean> {
    await this.comments.delete(viewer.id, id);
    return true;
  }

  @ResolveField(() => User, { description: 'Who wrote it.' })
  async author(
    @Parent() c: CommentEntity,
    @Context() { loaders }: GqlContext,
  ): Promise<UserEntity> {
    return (await loaders.users.load(c.authorId))!;
  }

  @ResolveField(() => Update, { description: 'The update it replies to.' })
  async update(
    @Parent() c: CommentEntity,
    @Context() { loaders }: GqlContext,
  ): Promise<UpdateEntity> {
    return (await loaders.commentedUpdates.load(c.updateId))!;
  }
}

/** Update.comments, Update.viewerHasReacted, react and unreact. */
@Resolver(() => Update)
export class UpdateEngagementResolver {
  constructor(
    private readonly reactions: ReactionsService,
    private readonly updates: UpdatesService,
  ) {}

  @Mutation(() => Update, {
    description:
      'Reacts to a visible update (NOT_FOUND otherwise). Idempotent: one reaction per person and update.',
  })
  @UseGuards(GqlAuthGuard)
  async react(
    @CurrentUser() viewer: AuthUser,
    @Args('updateId', { type: () => ID, description: 'The update to react to.' }) updateId: string,
  ): Promise<UpdateEntity> {
    await this.reactions.react(viewer.id, updateId);
    return this.updates.visibleOrFail(viewer.id, updateId);
  }

  @Mutation(() => Update, {
    description: "Takes back the viewer's reaction (idempotent). NOT_FOUND for an unknown update.",
  })
  @UseGuards(GqlAuthGuard)
  async unreact(
    @CurrentUser() viewer: AuthUser,
    @Args('updateId', { type: () => ID, description: 'The update reacted to.' }) updateId: string,
  ): Promise<UpdateEntity> {
    await this.reactions.unreact(viewer.id, updateId);
    return this.updates.visibleOrFail(viewer.id, updateId);
  }

  @ResolveField(() => Boolean, {
    description: 'Whether the signed-in viewer reacted to it; false when signed out.',
  })
  viewerHasReacted(u: UpdateEntity, _args: unknown, { loaders }: GqlContext): Promise<boolean> {
    return loaders.viewerReacted.load(u.id);
  }

  @ResolveField(() => CommentConnection, {
    description: 'Oldest first; without comments by people the viewer blocked.',
  })
  async comments(
    @Parent() u: UpdateEntity,
    @Args() { first, after }: PageArgs,
    @Context() { loaders }: GqlContext,
  ): Promise<ConnectionShape<CommentEntity>> {
    return connectionOf(loaders.updateComments, u.id, { first, after });
  }
}
