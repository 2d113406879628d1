import { Module } from '@nestjs/common';
import { AccountsModule } from '@causeway/accounts';
import { ConfigModule } from '@causeway/config';
import { RateLimitModule } from '@causeway/rate-limit';
import { AuthHttpController } from './auth-http.controller';
import { SameOriginJsonGuard } from './auth-http.guard';

/** POST /auth/signup|login|refresh|logout for the web app (refresh token in an HttpOnly cookie). */
@Module({
  imports: [AccountsModule, ConfigModule, RateLimitModule],
  controllers: [AuthHttpController],
  providers: [SameOriginJsonGuard],
})
export class AuthHttpModule {}
