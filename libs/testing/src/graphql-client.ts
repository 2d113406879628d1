import { Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';

export interface GqlResult<T = any> {
  status: number;
  data: T | null;
  errors: { message: string; extensions?: Record<string, any>; path?: string[] }[] | null;
  codes: string[];
  text: string;
}

/** One GraphQL request over HTTP, as an API consumer sends it. */
export async function gqlRequest<T = any>(
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
  let body: any;
  try {
    body = JSON.parse(text);
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
    codes: (errors ?? []).map((e: any) => e.extensions?.code),
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
    return new Error(`socket error: ${String(e.message ?? 'unknown')}`);
  return err;
}

/** A graphql-ws subscription that records its events. */
export function wsSubscribe<T = any>(
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
        closed: (e) => reject(plainError(e)),
        error: (e) => reject(plainError(e)),
      },
    });
  });
}
