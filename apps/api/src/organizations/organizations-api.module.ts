import { Module } from '@nestjs/common';
import { FollowsModule } from '@causeway/follows';
import { OrganizationsModule } from '@causeway/organizations';
import { AuthModule } from '../auth/auth.module';
import { GraphqlSupportModule } from '../graphql/graphql-support.module';
import { OrganizationsLoaders } from './organizations.loaders';
import { MembershipsResolver, OrganizationsResolver } from './organizations.resolver';

/** Organizations, their members and roles, verification, following an organization. */
@Module({
  imports: [OrganizationsModule, FollowsModule, AuthModule, GraphqlSupportModule],
  providers: [OrganizationsResolver, MembershipsResolver, OrganizationsLoaders],
})
export class OrganizationsApiModule {}
