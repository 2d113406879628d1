import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { SessionsService } from '@causeway/accounts';
import { currentRequestId } from '@causeway/observability';
import { AuthUser, GqlContext } from './context';
import { LoadersFactory } from './loaders';

/** What graphql-ws keeps per socket: the viewer of the token given at connection (with its expiry). */
export type WsExtra = {
  viewer?: (AuthUser & { exp: number }) | null;
  request?: { socket?: { remoteAddress?: string } };
};

/** A WebSocket's viewer while its access token is valid; after expiry its operations are anonymous. */
export const liveViewer = (extra: WsExtra): AuthUser | null =>
  extra.viewer && extra.viewer.exp * 1000 > Date.now()
    ? { id: extra.viewer.id, role: extra.viewer.role }
    : null;

/** Builds the per-request (or per-subscription-event) GraphQL context for both transports. */
@Injectable()
export class GraphqlContextFactory {
  constructor(
    private readonly loaders: LoadersFactory,
    private readonly sessions: SessionsService,
  ) {}

  /** The viewer of a `Bearer <jwt>` value; null when absent or not valid. */
  viewerFrom(authorization: unknown): (AuthUser & { exp: number }) | null {
    const token =
      typeof authorization === 'string'
        ? /^bearer\s+(\S+)\s*$/i.exec(authorization)?.[1]
        : undefined;
    const claims = token ? this.sessions.verifyAccessToken(token) : null;
    return claims ? { id: claims.sub, role: claims.role, exp: claims.exp } : null;
  }

  forHttp(req?: Request, res?: Response): GqlContext {
    const viewer = this.viewerFrom(req?.headers.authorization);
    return {
      req,
      res,
      requestId: currentRequestId() ?? randomUUID(),
      ip: req?.ip ?? req?.socket?.remoteAddress ?? 'unknown',
      viewer,
      loaders: this.loaders.create(viewer),
    };
  }

  forSocket(extra: WsExtra): GqlContext {
    const viewer = liveViewer(extra);
    return {
      requestId: randomUUID(),
      ip: extra.request?.socket?.remoteAddress ?? 'unknown',
      viewer,
      loaders: this.loaders.create(viewer),
    };
  }

  /**
   * Before each subscription event: the viewer as of now (an expired token reads as anonymous) and
   * fresh loaders, so nested fields and their permission checks are never a snapshot of an earlier event.
   */
  renewForEvent(context: GqlContext, extra: WsExtra): void {
    context.viewer = liveViewer(extra);
    context.loaders = this.loaders.create(context.viewer);
  }
}
