import { Global, Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { AccountsModule } from '@causeway/accounts';
import {
  AuthRateLimitGuard,
  GqlAuthGuard,
  GqlLocalAuthGuard,
  PlatformAdminGuard,
} from './auth.guards';
import { LocalStrategy } from './strategies';

/** passport-local for logIn, the guards and decorators every area uses (access tokens are verified once, in the context). */
@Global()
@Module({
  imports: [PassportModule, AccountsModule],
  providers: [
    LocalStrategy,
    GqlAuthGuard,
    GqlLocalAuthGuard,
    PlatformAdminGuard,
    AuthRateLimitGuard,
  ],
  exports: [GqlAuthGuard, GqlLocalAuthGuard, PlatformAdminGuard, AuthRateLimitGuard],
})
export class AuthModule {}
