import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy as LocalStrategyBase } from 'passport-local';
import { AccountsService, UserEntity } from '@causeway/accounts';
import { DomainError } from '@causeway/common';
import { WRONG_CREDENTIALS } from './auth.guards';

/** Email and password; an unknown email costs the same as a wrong password and answers alike. */
@Injectable()
export class LocalStrategy extends PassportStrategy(LocalStrategyBase, 'local') {
  constructor(private readonly accounts: AccountsService) {
    super({ usernameField: 'email', passwordField: 'password', session: false });
  }
  async validate(email: unknown, password: unknown): Promise<UserEntity> {
    if (
      typeof email !== 'string' ||
      typeof password !== 'string' ||
      email.length > 254 ||
      password.length > 128
    ) {
      throw DomainError.unauthenticated(WRONG_CREDENTIALS);
    }
    const user = await this.accounts.checkCredentials(email, password);
    if (!user) throw DomainError.unauthenticated(WRONG_CREDENTIALS);
    return user;
  }
}
