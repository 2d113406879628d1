import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** What every log line written while serving a request or running a job carries. */
export interface RequestContext {
  /** The id of the HTTP request (x-request-id) that caused this work, also inside the jobs it led to. */
  requestId?: string;
  queue?: string;
  jobId?: string;
}

export const requestContext = new AsyncLocalStorage<RequestContext>();

export const currentRequestId = (): string | undefined => requestContext.getStore()?.requestId;

/** An incoming x-request-id is kept when it is a plain token (letters, digits, . _ -; up to 64), otherwise a new one is made. */
export function requestIdFrom(header: unknown): string {
  return typeof header === 'string' && /^[\w.-]{1,64}$/.test(header) ? header : randomUUID();
}
