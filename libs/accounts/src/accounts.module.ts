import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsService } from './accounts.service';
import { EmailTokensRepository } from './email-tokens.repository';
import { EmailTokensService } from './email-tokens.service';
import { PasswordHasher } from './password-hasher';
import { RefreshTokenEntity } from './refresh-token.entity';
import { SessionsService } from './sessions.service';
import { UserEntity } from './user.entity';
import { UsersRepository } from './users.repository';
import { ConfigModule } from '@causeway/config';
import { OutboxModule } from '@causeway/outbox';

@Module({
  imports: [
    TypeOrmModule.forFeature([UserEntity, RefreshTokenEntity]),
    JwtModule.register({}),
    ConfigModule,
    OutboxModule,
  ],
  providers: [
    AccountsService,
    SessionsService,
    PasswordHasher,
    EmailTokensService,
    UsersRepository,
    EmailTokensRepository,
  ],
  exports: [AccountsService, SessionsService, EmailTokensService, UsersRepository],
})
export class AccountsModule {}
