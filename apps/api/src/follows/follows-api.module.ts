import { Module } from '@nestjs/common';
import { AccountsModule } from '@causeway/accounts';
import { FollowsModule } from '@causeway/follows';
import { OrganizationsModule } from '@causeway/organizations';
import { AuthModule } from '../auth/auth.module';
import { GraphqlSupportModule } from '../graphql/graphql-support.module';
import { FollowsLoaders } from './follows.loaders';
import { UserFollowsResolver, ViewerGraphResolver } from './follows.resolver';

/** Following people, followers, and what the viewer follows. */
@Module({
  imports: [FollowsModule, AccountsModule, OrganizationsModule, AuthModule, GraphqlSupportModule],
  providers: [UserFollowsResolver, ViewerGraphResolver, FollowsLoaders],
})
export class FollowsApiModule {}
