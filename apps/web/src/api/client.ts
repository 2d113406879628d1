import { authExchange } from '@urql/exchange-auth';
import { cacheExchange } from '@urql/exchange-graphcache';
import { relayPagination } from '@urql/exchange-graphcache/extras';
import { Client, CombinedError, fetchExchange, subscriptionExchange } from 'urql';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import type { Session } from '../session/session';
import { connectivity } from './connectivity';

const embedded = () => null;

/** Normalised cache: entities by id, connections paged with relayPagination(). */
export const cache = () =>
  cacheExchange({
    keys: {
      Viewer: embedded,
      PageInfo: embedded,
      OrganizationMembership: embedded,
      UserConnection: embedded,
      UserEdge: embedded,
      CauseConnection: embedded,
      CauseEdge: embedded,
      OrganizationConnection: embedded,
      OrganizationEdge: embedded,
      UpdateConnection: embedded,
      UpdateEdge: embedded,
      CommentConnection: embedded,
      CommentEdge: embedded,
      CampaignConnection: embedded,
      CampaignEdge: embedded,
      PledgeConnection: embedded,
      PledgeEdge: embedded,
      NotificationConnection: embedded,
      NotificationEdge: embedded,
      ReportConnection: embedded,
      ReportEdge: embedded,
      WebhookDeliveryConnection: embedded,
      WebhookDeliveryEdge: embedded,
      WebhookWithSecret: embedded,
    },
    resolvers: {
      Query: {
        feed: relayPagination(),
        notifications: relayPagination(),
        causes: relayPagination(),
        organizations: relayPagination(),
      },
      Viewer: {
        pledges: relayPagination(),
        followedCauses: relayPagination(),
        followedOrganizations: relayPagination(),
      },
      Cause: {
        updates: relayPagination(),
        campaigns: relayPagination(),
        organizations: relayPagination(),
      },
      Organization: { updates: relayPagination(), campaigns: relayPagination() },
      User: { updates: relayPagination() },
      Update: { comments: relayPagination() },
      Campaign: { pledges: relayPagination() },
      Webhook: { deliveries: relayPagination() },
    },
  });

export const isCode = (error: CombinedError | undefined, code: string) =>
  !!error?.graphQLErrors.some((e) => e.extensions?.code === code);

/**
 * The urql client: bearer token from memory (refreshed through the cookie when it expires or the
 * API says UNAUTHENTICATED), graphql-ws for subscriptions with connectionParams read at each
 * (re)connection, reconnecting whenever the session changes.
 */
export function createApiClient(session: Session): { makeClient: () => Client; ws: WsClient } {
  const wsUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;
  let socket: WebSocket | null = null;
  let connections = 0;
  const ws = createWsClient({
    url: wsUrl,
    lazy: true,
    lazyCloseTimeout: 3000,
    retryAttempts: Number.MAX_SAFE_INTEGER,
    shouldRetry: () => true,
    retryWait: async (retries) => {
      await new Promise((r) =>
        setTimeout(r, Math.min(15_000, 500 * 2 ** Math.min(retries, 5)) + Math.random() * 300),
      );
    },
    connectionParams: async () => {
      if (session.expiresSoon) await session.refresh().catch(() => false);
      const token = session.accessToken;
      return token ? { authorization: `Bearer ${token}` } : {};
    },
    on: {
      connected: (s) => {
        socket = s as WebSocket;
        connectivity.report(true);
        if (connections++ > 0) connectivity.reconnected();
      },
      closed: (event) => {
        socket = null;
        // 4403: the token was refused; refresh before the retry reconnects.
        if ((event as CloseEvent)?.code === 4403) void session.refresh().catch(() => false);
      },
    },
  });
  // A new token (log-in, refresh in this or another tab, log-out): reconnect with it.
  let lastToken = session.accessToken;
  session.subscribe(() => {
    if (session.accessToken === lastToken) return;
    const wasSignedIn = lastToken !== null;
    lastToken = session.accessToken;
    if (socket && socket.readyState === WebSocket.OPEN && (wasSignedIn || session.accessToken))
      socket.close(4205, 'Client Restart');
  });

  // One client (and cache) per signed-in person: log-in and log-out start from an empty cache.
  const makeClient = () =>
    new Client({
      url: '/graphql',
      // POST with a JSON body: Apollo's CSRF prevention refuses simple GET requests.
      preferGetMethod: false,
      fetch: watchedFetch,
      requestPolicy: 'cache-and-network',
      exchanges: [
        cache(),
        // authExchange wants its configuration as a promise; this one needs nothing awaited first.
        authExchange((utils) =>
          Promise.resolve({
            addAuthToOperation(operation) {
              const token = session.accessToken;
              return token
                ? utils.appendHeaders(operation, { Authorization: `Bearer ${token}` })
                : operation;
            },
            didAuthError: (error) =>
              session.accessToken !== null && isCode(error, 'UNAUTHENTICATED'),
            willAuthError: () => session.expiresSoon,
            async refreshAuth() {
              await session.refresh().catch(() => false);
            },
          }),
        ),
        fetchExchange,
        subscriptionExchange({
          forwardSubscription(request) {
            const input = { ...request, query: request.query || '' };
            return {
              subscribe(sink) {
                const unsubscribe = ws.subscribe(input, sink);
                return { unsubscribe };
              },
            };
          },
        }),
      ],
    });
  return { makeClient, ws };
}

/** Network errors (API down, offline) raise the banner; any answer lowers it. */
const watchedFetch: typeof fetch = (input, init) =>
  fetch(input, init).then(
    (res) => {
      connectivity.report(res.status < 502 || res.status > 504);
      return res;
    },
    (err: unknown) => {
      if (!(err instanceof DOMException && err.name === 'AbortError')) connectivity.report(false);
      throw err;
    },
  );
