import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy as JwtStrategyBase } from 'passport-jwt';
import { Strategy as LocalStrategyBase } from 'passport-local';
import { AccountsService, AccessClaims, UserEntity } from '@causeway/accounts';
import { authConfig, AuthConfig } from '@causeway/config';
import { DomainError } from '@causeway/common';
import type { AuthUser } from '../graphql/context';
import { WRONG_CREDENTIALS } from './auth.guards';

/** Authorization: Bearer <access token>, HS256 only (alg "none" and others are refused). */
@Injectable()
export class JwtStrategy extends PassportStrategy(JwtStrategyBase, 'jwt') {
  constructor(@Inject(authConfig.KEY) config: AuthConfig) {
    super({ jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(), secretOrKey: config.jwtKey as unknown as string, algorithms: ['HS256'], ignoreExpiration: false });
  }
  validate(claims: AccessClaims): AuthUser {
    return { id: claims.sub, role: claims.role };
  }
}

/** Email and password; an unknown email costs the same as a wrong password and answers alike. */
@Injectable()
export class LocalStrategy extends PassportStrategy(LocalStrategyBase, 'local') {
  constructor(private readonly accounts: AccountsService) {
    super({ usernameField: 'email', passwordField: 'password', session: false });
  }
  async validate(email: unknown, password: unknown): Promise<UserEntity> {
    if (typeof email !== 'string' || typeof password !== 'string' || email.length > 254 || password.length > 128) {
      throw DomainError.unauthenticated(WRONG_CREDENTIALS);
    }
    const user = await this.accounts.checkCredentials(email, password);
    if (!user) throw DomainError.unauthenticated(WRONG_CREDENTIALS);
    return user;
  }
}
