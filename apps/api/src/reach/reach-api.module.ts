import { Module } from '@nestjs/common';
import { AccountsModule } from '@causeway/accounts';
import { ConfigModule } from '@causeway/config';
import { CausesModule } from '@causeway/causes';
import { FollowsModule } from '@causeway/follows';
import { OrganizationsModule } from '@causeway/organizations';
import {
  CauseDeliveryResolver,
  OrganizationDeliveryResolver,
  UserDeliveryResolver,
} from './delivery.resolver';
import { AuthModule } from '../auth/auth.module';
import { GraphqlSupportModule } from '../graphql/graphql-support.module';
import { ReachLoaders } from './reach.loaders';
import { EmailResolver } from './email.resolver';
import { UnsubscribeController } from './unsubscribe.controller';

/** Reach: delivery per follow, email verification and reset, digest settings and unsubscribe. */
@Module({
  imports: [
    AccountsModule,
    CausesModule,
    FollowsModule,
    OrganizationsModule,
    ConfigModule,
    AuthModule,
    GraphqlSupportModule,
  ],
  providers: [
    CauseDeliveryResolver,
    OrganizationDeliveryResolver,
    UserDeliveryResolver,
    EmailResolver,
    ReachLoaders,
  ],
  controllers: [UnsubscribeController],
})
export class ReachApiModule {}
