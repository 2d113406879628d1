import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { AccountsModule } from '@causeway/accounts';
import { ConfigModule } from '@causeway/config';
import { RateLimitModule } from '@causeway/rate-limit';
import {
  AuthRateLimitGuard,
  GqlAuthGuard,
  GqlLocalAuthGuard,
  PlatformAdminGuard,
} from './auth.guards';
import { LocalStrategy } from './strategies';

/**
 * passport-local for logIn, and the guards every area's resolvers use (access tokens are verified
 * once, in the context). Each area imports it; it passes on what the guards inject (Nest builds a
 * `@UseGuards` guard in the module of the resolver that names it).
 */
@Module({
  imports: [PassportModule, AccountsModule, ConfigModule, RateLimitModule],
  providers: [
    LocalStrategy,
    GqlAuthGuard,
    GqlLocalAuthGuard,
    PlatformAdminGuard,
    AuthRateLimitGuard,
  ],
  exports: [
    GqlAuthGuard,
    GqlLocalAuthGuard,
    PlatformAdminGuard,
    AuthRateLimitGuard,
    ConfigModule,
    RateLimitModule,
  ],
})
export class AuthModule {}
