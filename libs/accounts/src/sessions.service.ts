import { createHash, createHmac, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { authConfig, AuthConfig } from '@causeway/config';
import { DomainError, uuidv7 } from '@causeway/common';
import { RefreshTokenEntity } from './refresh-token.entity';
import { PlatformRole, UserEntity } from './user.entity';

export interface AccessClaims {
  sub: string;
  role: PlatformRole;
  /** Expiry, seconds since the epoch. */
  exp: number;
}

export interface Session {
  accessToken: string;
  refreshToken: string;
  userId: string;
}

const sha256 = (token: string) => createHash('sha256').update(token).digest();
const INVALID = 'The refresh token is not valid; sign in again.';
/** A retired token presented again this soon after its rotation answers its successor (two tabs refreshing together). */
export const REFRESH_GRACE_SECONDS = 10;
/** How many rotations one grace answer may walk (a tab that refreshed twice within the window). */
const MAX_GRACE_HOPS = 5;

/**
 * Access tokens: HS256 JWTs for 15 minutes carrying only the user id and role.
 * Refresh tokens: 256 random bits, stored hashed, 30 days, single use, in families.
 */
@Injectable()
export class SessionsService {
  constructor(
    private readonly jwt: JwtService,
    private readonly dataSource: DataSource,
    @Inject(authConfig.KEY) private readonly config: AuthConfig,
  ) {}

  /** A new family of refresh tokens (one per logIn or signUp). */
  async start(user: Pick<UserEntity, 'id' | 'platformRole'>): Promise<Session> {
    return this.dataSource.transaction((em) => this.issue(em, user, uuidv7()));
  }

  /**
   * Rotates: the presented token is retired; presenting a retired token again revokes the family
   * (CONTRACT.md). With `grace` (the web app's cookie sessions, where two tabs may refresh at the same
   * moment), a retired token presented again within REFRESH_GRACE_SECONDS of its rotation answers the
   * same successor (a new access token with it) instead; later, it revokes the family too.
   */
  async refresh(token: string, { grace = false }: { grace?: boolean } = {}): Promise<Session> {
    const hash = sha256(token);
    const outcome = await this.dataSource.transaction(async (em) => {
      const row = await em.findOne(RefreshTokenEntity, {
        where: { tokenHash: hash },
        relations: { user: true },
      });
      if (!row) return { error: true as const };
      // Rotation and revocation of one family take turns, so a revocation sees every token issued.
      await this.lockFamily(em, row.familyId);
      const current = await em.findOneByOrFail(RefreshTokenEntity, { id: row.id });
      if (current.usedAt && !current.revokedAt) {
        const successor = grace ? await this.graceSuccessor(em, current, token, row.user!) : null;
        if (successor) return { session: successor };
        // Reuse of a retired token (even an expired one): someone else holds a copy.
        await this.revokeFamily(em, row.familyId);
        return { error: true as const };
      }
      if (current.revokedAt || current.expiresAt.getTime() <= Date.now())
        return { error: true as const };
      const claimed = await em
        .createQueryBuilder()
        .update(RefreshTokenEntity)
        .set({ usedAt: () => 'now()' })
        .where('id = :id AND used_at IS NULL AND revoked_at IS NULL', { id: row.id })
        .execute();
      if (claimed.affected !== 1) {
        await this.revokeFamily(em, row.familyId);
        return { error: true as const };
      }
      return { session: await this.issue(em, row.user!, row.familyId, this.successorToken(token)) };
    });
    if ('error' in outcome) throw DomainError.unauthenticated(INVALID);
    return outcome.session;
  }

  /** Revokes the family of the token; answers the same whether or not the token existed. */
  async logOut(token: string): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const row = await em.findOneBy(RefreshTokenEntity, { tokenHash: sha256(token) });
      if (row) await this.revokeFamily(em, row.familyId);
    });
  }

  /** The claims of a valid access token, or null (expired, forged, wrong algorithm). */
  verifyAccessToken(token: string): AccessClaims | null {
    try {
      const claims = this.jwt.verify<AccessClaims>(token, {
        algorithms: ['HS256'],
        secret: this.config.jwtKey as unknown as string,
      });
      return typeof claims.sub === 'string' &&
        Object.values(PlatformRole).includes(claims.role) &&
        typeof claims.exp === 'number'
        ? { sub: claims.sub, role: claims.role, exp: claims.exp }
        : null;
    } catch {
      return null;
    }
  }

  private async issue(
    em: EntityManager,
    user: Pick<UserEntity, 'id' | 'platformRole'>,
    familyId: string,
    refreshToken = randomBytes(32).toString('base64url'),
  ): Promise<Session> {
    await em.insert(RefreshTokenEntity, {
      id: uuidv7(),
      tokenHash: sha256(refreshToken),
      familyId,
      userId: user.id,
      expiresAt: new Date(Date.now() + this.config.refreshTokenTtlDays * 24 * 3600 * 1000),
    });
    return { accessToken: this.accessToken(user), refreshToken, userId: user.id };
  }

  private accessToken(user: Pick<UserEntity, 'id' | 'platformRole'>): string {
    return this.jwt.sign(
      { sub: user.id, role: user.platformRole } satisfies Omit<AccessClaims, 'exp'>,
      {
        algorithm: 'HS256',
        secret: this.config.jwtKey as unknown as string,
        expiresIn: this.config.accessTokenTtlSeconds,
      },
    );
  }

  /**
   * The token a rotation of `token` issues: an HMAC of it under the server's key, so the server can
   * name it again during the grace window without storing it, and nobody without the key can.
   */
  private successorToken(token: string): string {
    return createHmac('sha256', this.config.jwtKey)
      .update('refresh-successor\0')
      .update(token)
      .digest('base64url');
  }

  /** Within the grace window of its rotation: the live successor of a retired token (a new access token with it), else null. */
  private async graceSuccessor(
    em: EntityManager,
    retired: RefreshTokenEntity,
    token: string,
    user: UserEntity,
  ): Promise<Session | null> {
    let row = retired;
    let presented = token;
    for (let hop = 0; hop < MAX_GRACE_HOPS; hop++) {
      const [{ in_grace }]: { in_grace: boolean }[] = await em.query(
        `SELECT used_at > now() - make_interval(secs => $2) AS in_grace FROM refresh_tokens WHERE id = $1`,
        [row.id, REFRESH_GRACE_SECONDS],
      );
      if (!in_grace) return null;
      const next = this.successorToken(presented);
      const successor = await em.findOneBy(RefreshTokenEntity, {
        tokenHash: sha256(next),
        familyId: row.familyId,
      });
      if (!successor || successor.revokedAt || successor.expiresAt.getTime() <= Date.now())
        return null;
      if (!successor.usedAt)
        return { accessToken: this.accessToken(user), refreshToken: next, userId: user.id };
      row = successor;
      presented = next;
    }
    return null;
  }
  private async lockFamily(em: EntityManager, familyId: string): Promise<void> {
    await em.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [familyId]);
  }

  private async revokeFamily(em: EntityManager, familyId: string): Promise<void> {
    await this.lockFamily(em, familyId);
    await em.update(
      RefreshTokenEntity,
      { familyId, revokedAt: IsNull() },
      { revokedAt: () => 'now()' },
    );
  }
}
