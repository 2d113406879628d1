import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter } from 'react-router';
import { Client, CombinedError, Provider, type Exchange, type Operation } from 'urql';
import { filter, fromPromise, map, mergeMap, never, pipe } from 'wonka';
import { I18nProvider, type Locale } from '../i18n/i18n';
import { Session } from '../session/session';
import { SessionProvider } from '../session/session-context';
import { fakeFetch } from './fake-fetch';

export type Responder = (
  op: Operation,
) => Record<string, unknown> | Promise<Record<string, unknown>> | null | undefined;

const REFUSAL = Symbol('refusal');

/** An answer for `fakeClient` that is a GraphQL error with this code (and fields or retryAfterSeconds). */
export function refusal(
  message: string,
  extensions: Record<string, unknown>,
): Record<string, unknown> {
  return { [REFUSAL]: { message, extensions } };
}

/** A urql client whose answers come from `respond` (operations are recorded); subscriptions stay silent. */
export function fakeClient(respond: Responder) {
  const operations: Operation[] = [];
  const exchange: Exchange = () => (ops$) =>
    pipe(
      ops$,
      filter((op) => op.kind !== 'teardown'),
      mergeMap((op) => {
        operations.push(op);
        const data = respond(op);
        if (data === undefined) return never;
        return pipe(
          fromPromise(Promise.resolve(data)),
          map((value) =>
            value && (value as { [REFUSAL]?: unknown })[REFUSAL]
              ? {
                  operation: op,
                  data: undefined,
                  error: new CombinedError({
                    graphQLErrors: [
                      (
                        value as {
                          [REFUSAL]: { message: string; extensions: Record<string, unknown> };
                        }
                      )[REFUSAL],
                    ],
                  }),
                  stale: false,
                  hasNext: false,
                }
              : { operation: op, data: value, error: undefined, stale: false, hasNext: false },
          ),
        );
      }),
    );
  const client = new Client({ url: '/graphql', exchanges: [exchange] });
  return { client, operations };
}

export function renderWith(
  ui: ReactNode,
  {
    client,
    locale = 'en',
    session = new Session(fakeFetch(() => new Response(null, { status: 401 }))),
    path = '/',
  }: { client: Client; locale?: Locale; session?: Session; path?: string },
) {
  return render(
    <I18nProvider locale={locale}>
      <SessionProvider session={session}>
        <Provider value={client}>
          <MemoryRouter initialEntries={[path]}>{ui}</MemoryRouter>
        </Provider>
      </SessionProvider>
    </I18nProvider>,
  );
}
