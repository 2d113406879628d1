import { Module } from '@nestjs/common';
import { AccountsModule } from '@causeway/accounts';
import { CausesModule } from '@causeway/causes';
import { FollowsModule } from '@causeway/follows';
import { OrganizationsModule } from '@causeway/organizations';
import {
  CauseDeliveryResolver,
  OrganizationDeliveryResolver,
  UserDeliveryResolver,
} from './delivery.resolver';
import { EmailResolver } from './email.resolver';
import { UnsubscribeController } from './unsubscribe.controller';

/** Reach: delivery per follow, email verification and reset, digest settings and unsubscribe. */
@Module({
  imports: [AccountsModule, CausesModule, FollowsModule, OrganizationsModule],
  providers: [
    CauseDeliveryResolver,
    OrganizationDeliveryResolver,
    UserDeliveryResolver,
    EmailResolver,
  ],
  controllers: [UnsubscribeController],
})
export class ReachApiModule {}
