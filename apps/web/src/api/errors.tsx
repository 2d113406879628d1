import type { CombinedError } from 'urql';
import { useT } from '../i18n/i18n';
import { AuthError } from '../session/session';
import { ui } from '../components/ui';

/** The first API error of a GraphQL or /auth answer, in one shape. */
export interface ApiProblem {
  code: string;
  message: string;
  fields: Record<string, string>;
  retryAfterSeconds?: number;
}

export function problemOf(error: unknown): ApiProblem | null {
  if (!error) return null;
  if (error instanceof AuthError)
    return {
      code: error.code,
      message: error.message,
      fields: error.fields,
      retryAfterSeconds: error.retryAfterSeconds,
    };
  const combined = error as CombinedError;
  if (combined.graphQLErrors?.length) {
    const e = combined.graphQLErrors[0];
    const ext = (e.extensions ?? {}) as {
      code?: string;
      fields?: Record<string, string>;
      retryAfterSeconds?: number;
    };
    const fields: Record<string, string> = {};
    for (const [k, v] of Object.entries(ext.fields ?? {})) fields[k.replace(/^input\./, '')] = v;
    return {
      code: ext.code ?? 'INTERNAL_SERVER_ERROR',
      message: e.message,
      fields,
      retryAfterSeconds: ext.retryAfterSeconds,
    };
  }
  if (combined.networkError || error instanceof TypeError)
    return { code: 'NETWORK', message: '', fields: {} };
  return {
    code: 'INTERNAL_SERVER_ERROR',
    message: String((error as Error).message ?? error),
    fields: {},
  };
}

/** What a person reads for an API refusal: when to retry, offline, or the API's own sentence. */
export function useProblemText(): (p: ApiProblem) => string {
  const t = useT();
  return (p) => {
    switch (p.code) {
      case 'RATE_LIMITED':
        return t('error.rateLimited', { seconds: p.retryAfterSeconds ?? 60 });
      case 'NETWORK':
        return t('error.network');
      case 'BAD_USER_INPUT':
        return Object.keys(p.fields).length ? t('error.fields') : p.message;
      case 'INTERNAL_SERVER_ERROR':
        return t('error.internal');
      default:
        return p.message || t('error.internal');
    }
  };
}

/** An alert for a failed request (role=alert so it is announced). */
export function ProblemAlert({ error }: { error: unknown }) {
  const text = useProblemText();
  const p = problemOf(error);
  if (!p) return null;
  return (
    <p role="alert" className={ui.alert}>
      {text(p)}
    </p>
  );
}
