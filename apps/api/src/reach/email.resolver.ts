import { UseGuards } from '@nestjs/common';
import { Args, Context, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { AccountsService, DigestFrequency, EmailTokensService } from '@causeway/accounts';
import { DomainError } from '@causeway/common';
import { Viewer } from '../accounts/user.model';
import { AuthRateLimitGuard, CurrentUser, GqlAuthGuard } from '../auth/auth.guards';
import type { AuthUser, GqlContext } from '../graphql/context';
import { PasswordResetArgs, RequestPasswordResetArgs, TokenArgs } from './reach.args';

/** Email verification, password reset and the viewer's email settings. */
@Resolver(() => Viewer)
export class EmailResolver {
  constructor(
    private readonly tokens: EmailTokensService,
    private readonly accounts: AccountsService,
  ) {}

  @Mutation(() => Boolean, {
    description:
      'From the link in the verification email; true once verified (again: still true). Unknown or expired: BAD_USER_INPUT.',
  })
  verifyEmail(@Args() { token }: TokenArgs): Promise<boolean> {
    return this.tokens.verifyEmail(token);
  }

  @Mutation(() => Boolean, {
    description:
      'Signed in; sends a new verification email unless already verified. Rate limited like logIn (RATE_LIMITED).',
  })
  @UseGuards(GqlAuthGuard, AuthRateLimitGuard)
  async resendVerificationEmail(@CurrentUser() viewer: AuthUser): Promise<boolean> {
    await this.tokens.resendVerification(viewer.id);
    return true;
  }

  @Mutation(() => Boolean, {
    description:
      'Always true, whether or not the address is registered; sends a reset link when it is.',
  })
  @UseGuards(AuthRateLimitGuard)
  async requestPasswordReset(@Args() { email }: RequestPasswordResetArgs): Promise<boolean> {
    await this.tokens.requestPasswordReset(email);
    return true;
  }

  @Mutation(() => Boolean, {
    description:
      'Single use, expires after an hour; revokes every session of the user. Bad token: BAD_USER_INPUT.',
  })
  @UseGuards(AuthRateLimitGuard)
  async resetPassword(@Args() { token, password }: PasswordResetArgs): Promise<boolean> {
    await this.tokens.resetPassword(token, password);
    return true;
  }

  @Mutation(() => Viewer, { description: 'Sets how often the viewer gets the digest email.' })
  @UseGuards(GqlAuthGuard)
  async setDigestFrequency(
    @CurrentUser() viewer: AuthUser,
    @Args('frequency', { type: () => DigestFrequency, description: 'The new frequency.' })
    frequency: DigestFrequency,
  ): Promise<Viewer> {
    await this.accounts.setDigestFrequency(viewer.id, frequency);
    const user = await this.accounts.byIdOrFail(viewer.id);
    return { id: user.id, email: user.email, platformRole: user.platformRole };
  }

  @ResolveField(() => Boolean, {
    description: 'Whether the email address was verified; digests go to verified addresses only.',
  })
  async emailVerified(@Parent() v: Viewer, @Context() { loaders }: GqlContext): Promise<boolean> {
    return (await this.user(v, loaders)).emailVerifiedAt !== null;
  }

  @ResolveField(() => DigestFrequency, {
    description: 'How often the digest email is sent (WEEKLY by default).',
  })
  async digestFrequency(
    @Parent() v: Viewer,
    @Context() { loaders }: GqlContext,
  ): Promise<DigestFrequency> {
    return (await this.user(v, loaders)).digestFrequency;
  }

  @ResolveField(() => String, { description: 'The language of emails: en or de.' })
  async locale(@Parent() v: Viewer, @Context() { loaders }: GqlContext): Promise<string> {
    return (await this.user(v, loaders)).locale;
  }

  @ResolveField(() => String, { description: 'IANA time zone; the digest arrives in its morning.' })
  async timeZone(@Parent() v: Viewer, @Context() { loaders }: GqlContext): Promise<string> {
    return (await this.user(v, loaders)).timeZone;
  }

  private async user(v: Viewer, loaders: GqlContext['loaders']) {
    const user = await loaders.users.load(v.id);
    if (!user) throw DomainError.notFound('The user');
    return user;
  }
}
