import { UseGuards } from '@nestjs/common';
import {
  Args,
  Context,
  ID,
  Mutation,
  Parent,
  Query,
  ResolveField,
  Resolver,
} from '@nestjs/graphql';
import { UserEntity } from '@causeway/accounts';
import { BlocksService, ReportAction, ReportEntity, ReportsService } from '@causeway/moderation';
import { User } from '../accounts/user.model';
import { CurrentUser, GqlAuthGuard, PlatformAdminGuard } from '../auth/auth.guards';
import { ConnectionShape, toConnection } from '../graphql/connection';
import type { AuthUser, GqlContext } from '../graphql/context';
import { Report, ReportConnection, ReportInput, ReportsArgs } from './report.model';

@Resolver(() => Report)
export class ReportsResolver {
  constructor(private readonly reportsService: ReportsService) {}

  @Mutation(() => Boolean, {
    description:
      'Reports abuse; one open report per reporter and subject (reporting again changes nothing).',
  })
  @UseGuards(GqlAuthGuard)
  async report(
    @CurrentUser() viewer: AuthUser,
    @Args('input') input: ReportInput,
  ): Promise<boolean> {
    await this.reportsService.report(viewer.id, input.subject, input.id, input.reason);
    return true;
  }

  @Query(() => ReportConnection, {
    description: 'Platform ADMIN only. Reports with the status (OPEN by default), oldest first.',
  })
  @UseGuards(PlatformAdminGuard)
  async reports(
    @Args() { status, first, after }: ReportsArgs,
  ): Promise<ConnectionShape<ReportEntity>> {
    return toConnection(await this.reportsService.list(status, first, after));
  }

  @Mutation(() => Report, {
    description:
      'Platform ADMIN only. Resolves an OPEN report (and the other open reports of the same subject): HIDE hides the update or comment everywhere, DISMISS closes it.',
  })
  @UseGuards(PlatformAdminGuard)
  resolveReport(
    @CurrentUser() viewer: AuthUser,
    @Args('id', { type: () => ID }) id: string,
    @Args('action', { type: () => ReportAction }) action: ReportAction,
  ): Promise<ReportEntity> {
    return this.reportsService.resolve(viewer.id, id, action);
  }

  @ResolveField(() => User)
  async reporter(
    @Parent() r: ReportEntity,
    @Context() { loaders }: GqlContext,
  ): Promise<UserEntity> {
    return (await loaders.users.load(r.reporterId))!;
  }
}

@Resolver()
export class BlocksResolver {
  constructor(private readonly blocks: BlocksService) {}

  @Mutation(() => Boolean, {
    description:
      "Idempotent. While blocked, the person's updates and comments never appear to the viewer, neither may follow the other or comment on or react to the other's updates, and follows either way are removed.",
  })
  @UseGuards(GqlAuthGuard)
  async blockUser(
    @CurrentUser() viewer: AuthUser,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<boolean> {
    await this.blocks.block(viewer.id, id);
    return true;
  }

  @Mutation(() => Boolean, {
    description: 'Idempotent. Follows removed by the block are not restored.',
  })
  @UseGuards(GqlAuthGuard)
  async unblockUser(
    @CurrentUser() viewer: AuthUser,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<boolean> {
    await this.blocks.unblock(viewer.id, id);
    return true;
  }
}
