import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { DomainError } from '@causeway/common';
import type { GqlContext } from '../graphql/context';

/**
 * Requires a signed-in viewer on a graphql-ws subscription (the token was checked when the socket
 * connected, its expiry when the operation started). GqlAuthGuard does not fit here: on
 * subscriptions the context's `req` is the socket's context, not an HTTP request for passport.
 */
@Injectable()
export class SubscriberGuard implements CanActivate {
  canActivate(ctx: ExecutionContext): boolean {
    if (!GqlExecutionContext.create(ctx).getContext<GqlContext>().viewer) throw DomainError.unauthenticated();
    return true;
  }
}
