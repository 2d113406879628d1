import { Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';

/**
 * Parsed JSON that a test reads and checks with expect(): the `data` of a request made without a
 * type argument, an HTTP answer's body. Pass a type argument (`stack.gql<{ viewer: Viewer }>(...)`)
 * to have the reads type-checked instead.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- assertions check its shape at run time; the one untyped value of the test helpers
export type ParsedJson = any;

/** One GraphQL error as the server sends it. */
export interface GqlError {
  message: string;
  extensions?: { code?: string; [key: string]: ParsedJson };
  path?: (string | number)[];
}

/** One page of a connection, as far as the paging tests read it. */
export interface ConnectionPage<N = { id: string }> {
  nodes: N[];
  edges: { cursor: string; node: N }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** A GraphQL response body as sent over HTTP. */
export interface GqlBody<T = ParsedJson> {
  data?: T | null;
  errors?: GqlError[] | null;
}

export interface GqlResult<T = ParsedJson> {
  status: number;
  data: T | null;
  errors: GqlError[] | null;
  codes: string[];
  text: string;
}

/** One GraphQL request over HTTP, as an API consumer sends it. */
export async function gqlRequest<T = ParsedJson>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
  init: { headers?: Record<string, string>; body?: string } = {},
): Promise<GqlResult<T>> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...init.headers,
    },
    body: init.body ?? JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  let body: GqlBody<T>;
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    body = {
      errors: [{ message: text.slice(0, 200), extensions: { code: `HTTP_${res.status}` } }],
    };
  }
  const errors = body.errors ?? null;
  return {
    status: res.status,
    data: body.data ?? null,
    errors,
    codes: (errors ?? []).map((e) => e.extensions?.code as string),
    text,
  };
}

export interface Subscription<T> {
  events: T[];
  errors: unknown[];
  /** Resolves with the first event matching `pred`, or rejects after `timeoutMs`. */
  next(pred?: (e: T) => boolean, timeoutMs?: number): Promise<T>;
  dispose(): Promise<void>;
}

/**
 * A close event or socket error as a small object ({ code, reason } / { message }): jest and
 * error messages print it in one line instead of dumping the whole CloseEvent.
 */
export function plainError(err: unknown): unknown {
  const e = err as { code?: unknown; reason?: unknown; message?: unknown; type?: unknown } | null;
  if (e && typeof e === 'object' && 'code' in e && 'reason' in e)
    return Object.assign(new Error(`socket closed ${String(e.code)} ${String(e.reason)}`), {
      code: e.code,
      reason: e.reason,
    });
  if (e && typeof e === 'object' && e.type === 'error' && !(e instanceof Error))
    return new Error(`socket error: ${typeof e.message === 'string' ? e.message : 'unknown'}`);
  return err;
}

const asError = (e: unknown): Error => (e instanceof Error ? e : new Error(JSON.stringify(e)));

/** A graphql-ws subscription that records its events. */
export function wsSubscribe<T = ParsedJson>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Subscription<T> {
  const client: Client = createClient({
    url: `${url.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    lazy: false,
    onNonLazyError: () => undefined, // reported through the subscription's error callback instead of console.error
  });
  const events: T[] = [];
  const errors: unknown[] = [];
  const waiters: { pred: (e: T) => boolean; resolve: (e: T) => void }[] = [];
  const stop = client.subscribe<T>(
    { query, variables },
    {
      next: (v) => {
        const e = (v.data ?? v) as T;
        events.push(e);
        for (const w of waiters.splice(0)) {
          if (w.pred(e)) w.resolve(e);
          else waiters.push(w);
        }
      },
      error: (err) => errors.push(plainError(err)),
      complete: () => undefined,
    },
  );
  return {
    events,
    errors,
    next(pred = () => true, timeoutMs = 10_000) {
      const found = events.find(pred);
      if (found) return Promise.resolve(found);
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(
              new Error(
                `no matching event within ${timeoutMs} ms (errors: ${JSON.stringify(errors)})`,
              ),
            ),
          timeoutMs,
        );
        waiters.push({ pred, resolve: (e) => (clearTimeout(timer), resolve(e)) });
      });
    },
    async dispose() {
      stop();
      await client.dispose();
    },
  };
}

/** Resolves once graphql-ws has acknowledged the connection of a fresh client (subscriptions are then live). */
export function wsConnected(url: string, token?: string): Promise<Client> {
  return new Promise((resolve, reject) => {
    const client = createClient({
      url: `${url.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: token ? { authorization: `Bearer ${token}` } : {},
      retryAttempts: 0,
      lazy: false,
      onNonLazyError: () => undefined,
      on: {
        connected: () => resolve(client),
        closed: (e) => reject(asError(plainError(e))),
        error: (e) => reject(asError(plainError(e))),
      },
    });
  });
}
