import { UseGuards } from '@nestjs/common';
import { Args, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { DomainError } from '@causeway/common';
import { AccountDeletionService, DataExportsService, DataExportView } from '@causeway/ownership';
import { Viewer } from '../accounts/user.model';
import { CurrentUser, GqlAuthGuard } from '../auth/auth.guards';
import type { AuthUser } from '../graphql/context';
import { DataExport } from './integrations.model';

@Resolver(() => DataExport)
export class DataExportsResolver {
  constructor(
    private readonly exports: DataExportsService,
    private readonly deletion: AccountDeletionService,
  ) {}

  @Mutation(() => DataExport, {
    description:
      "Starts building an archive of the viewer's data, or returns the one still PENDING; rate limited per hour (RATE_LIMITED).",
  })
  @UseGuards(GqlAuthGuard)
  requestDataExport(@CurrentUser() viewer: AuthUser): Promise<DataExportView> {
    return this.exports.request(viewer.id);
  }

  @Mutation(() => Boolean, {
    description:
      'Erases the account: profile, sessions, follows, reactions, comments and personal updates go; pledges stay without the name. A wrong password is BAD_USER_INPUT; the last OWNER of an organization gets CONFLICT.',
  })
  @UseGuards(GqlAuthGuard)
  deleteAccount(
    @CurrentUser() viewer: AuthUser,
    @Args('password', { type: () => String, description: "The viewer's current password." })
    password: string,
  ): Promise<boolean> {
    if (password.length === 0 || password.length > 128)
      throw DomainError.badInput({ password: 'must be 1 to 128 characters' });
    return this.deletion.delete(viewer.id, password);
  }
}

@Resolver(() => Viewer)
export class ViewerDataExportsResolver {
  constructor(private readonly exports: DataExportsService) {}

  @ResolveField(() => [DataExport], {
    description: "The viewer's latest 20 data exports, newest first.",
  })
  dataExports(@Parent() v: Viewer): Promise<DataExportView[]> {
    return this.exports.ofUser(v.id);
  }
}
