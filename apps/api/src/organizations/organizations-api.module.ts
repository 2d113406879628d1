import { Module } from '@nestjs/common';
import { AccountsModule } from '@causeway/accounts';
import { SearchModule } from '@causeway/discovery';
import { FollowsModule } from '@causeway/follows';
import { OrganizationsModule } from '@causeway/organizations';
import { CausesResolver } from '../causes/causes.resolver';
import { SearchResolver } from '../discovery/search.resolver';
import { UserFollowsResolver, ViewerGraphResolver } from '../follows/follows.resolver';
import { MembershipsResolver, OrganizationsResolver } from './organizations.resolver';

/** Causes, organizations, follows and discovery: the graph people and nonprofits live in. */
@Module({
  imports: [AccountsModule, OrganizationsModule, FollowsModule, SearchModule],
  providers: [
    CausesResolver,
    OrganizationsResolver,
    MembershipsResolver,
    UserFollowsResolver,
    ViewerGraphResolver,
    SearchResolver,
  ],
})
export class OrganizationsApiModule {}
