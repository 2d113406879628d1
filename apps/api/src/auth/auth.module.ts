import { Global, Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { AccountsModule } from '@causeway/accounts';
import { AuthRateLimitGuard, GqlAuthGuard, GqlLocalAuthGuard, PlatformAdminGuard } from './auth.guards';
import { JwtStrategy, LocalStrategy } from './strategies';

/** passport (local + JWT), the guards and decorators every area uses. */
@Global()
@Module({
  imports: [PassportModule, AccountsModule],
  providers: [JwtStrategy, LocalStrategy, GqlAuthGuard, GqlLocalAuthGuard, PlatformAdminGuard, AuthRateLimitGuard],
  exports: [GqlAuthGuard, GqlLocalAuthGuard, PlatformAdminGuard, AuthRateLimitGuard],
})
export class AuthModule {}
