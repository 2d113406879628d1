import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConfigModule } from '@causeway/config';
import { OutboxModule } from '@causeway/outbox';
import { AccountsService } from './accounts.service';
import { EmailTokensService } from './email-tokens.service';
import { PasswordHasher } from './password-hasher';
import { RefreshTokenEntity } from './refresh-token.entity';
import { SessionsService } from './sessions.service';
import { UserEntity } from './user.entity';

@Module({
  imports: [
    TypeOrmModule.forFeature([UserEntity, RefreshTokenEntity]),
    JwtModule.register({}),
    ConfigModule,
    OutboxModule,
  ],
  providers: [AccountsService, SessionsService, PasswordHasher, EmailTokensService],
  exports: [AccountsService, SessionsService, EmailTokensService],
})
export class AccountsModule {}
