import type { Request, Response } from 'express';
import type { PlatformRole } from '@causeway/accounts';
import type { Loaders } from './loaders';

/** Who is asking: set from a valid access token, null for anonymous requests. */
export interface AuthUser {
  id: string;
  role: PlatformRole;
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
