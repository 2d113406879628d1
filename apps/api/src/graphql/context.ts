import type { Request, Response } from 'express';

/** Who is asking: set from a valid access token, null for anonymous requests. */
export interface AuthUser {
  id: string;
  role: string;
}

/** Per-request DataLoaders; areas add theirs in createLoaders(). */
export type Loaders = Record<string, never>;

export function createLoaders(): Loaders {
  return {};
}

/** What every resolver gets as @Context(): built once per HTTP request or subscription operation. */
export interface GqlContext {
  req?: Request;
  res?: Response;
  requestId: string;
  ip: string;
  viewer: AuthUser | null;
  loaders: Loaders;
}
