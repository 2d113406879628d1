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
      'Reports abuse to the platform admins; one open report per reporter and subject (reporting again changes nothing). NOT_FOUND for an unknown subject.',
  })
  @UseGuards(GqlAuthGuard)
  async report(
    @CurrentUser() viewer: AuthUser,
    @Args('input', { description: 'What is reported, and why.' }) input: ReportInput,
  ): Promise<boolean> {
    await this.reportsService.report(viewer.id, input.subject, input.id, input.reason);
    return true;
  }

  @Query(() => ReportConnection, {
    description:
      'Platform ADMIN only (else FORBIDDEN). Reports with the status (OPEN by default), oldest first.',
  })
  @UseGuards(PlatformAdminGuard)
  async reports(
    @Args() { status, first, after }: ReportsArgs,
  ): Promise<ConnectionShape<ReportEntity>> {
    return toConnection(await this.reportsService.list(status, first, after));
  }

  @Mutation(() => Report, {
    description:
      'Platform ADMIN only (else FORBIDDEN). Resolves an OPEN report (and the other open reports of the same subject): HIDE hides the update or comment everywhere, DISMISS closes it. NOT_FOUND for an unknown id, CONFLICT when already resolved; HIDE on a user or organization is BAD_USER_INPUT.',
  })
  @UseGuards(PlatformAdminGuard)
  resolveReport(
    @CurrentUser() viewer: AuthUser,
    @Args('id', { type: () => ID, description: 'The report.' }) id: string,
    @Args('action', { type: () => ReportAction, description: 'What to do about it.' })
    action: ReportAction,
  ): Promise<ReportEntity> {
    return this.reportsService.resolve(viewer.id, id, action);
  }

  @ResolveField(() => User, { description: 'Who reported it.' })
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
    @Args('id', {
      type: () => ID,
      description: 'The person to block (oneself is BAD_USER_INPUT, unknown NOT_FOUND).',
    })
    id: string,
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
    @Args('id', { type: () => ID, description: 'The person to unblock (unknown: NOT_FOUND).' })
    id: string,
  ): Promise<boolean> {
    await this.blocks.unblock(viewer.id, id);
    return true;
  }
}
