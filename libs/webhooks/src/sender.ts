import * as http from 'node:http';
import * as https from 'node:https';
import type { LookupFunction } from 'node:net';
import { isIP } from 'node:net';
import { hostOf, ResolvedTarget } from './target-guard';

/** Response bytes read (then discarded) before the connection is closed. */
export const RESPONSE_BODY_CAP = 4096;

export interface AttemptResult {
  /** The receiver's HTTP status; null when it could not be reached or did not answer in time. */
  status: number | null;
  error: string | null;
  ms: number;
}

/**
 * One POST to the pinned address, on its own connection (no agent, no keep-alive): no redirect is
 * followed, the whole attempt is bounded by `timeoutMs`, and at most RESPONSE_BODY_CAP bytes of the
 * response are read. Never throws.
 */
export function postOnce(
  target: ResolvedTarget,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
): Promise<AttemptResult> {
  const started = performance.now();
  const { url, address, family } = target;
  const pinned: LookupFunction = (_host, options, callback) => {
    if ((options as { all?: boolean }).all)
      (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [
        { address, family },
      ]);
    else callback(null, address, family);
  };
  const host = hostOf(url);
  const options: https.RequestOptions = {
    method: 'POST',
    protocol: url.protocol,
    hostname: host,
    port: url.port || (url.protocol === 'https:' ? 443 : 80),
    path: `${url.pathname}${url.search}`,
    headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
    agent: false,
    lookup: pinned,
    servername: isIP(host) ? undefined : host,
  };
  return new Promise<AttemptResult>((resolve) => {
    let settled = false;
    const done = (status: number | null, error: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      resolve({ status, error, ms: Math.round(performance.now() - started) });
    };
    const req = (url.protocol === 'https:' ? https : http).request(options, (res) => {
      let read = 0;
      res.on('data', (chunk: Buffer) => {
        read += chunk.length;
        if (read >= RESPONSE_BODY_CAP) done(res.statusCode ?? null, null);
      });
      res.on('end', () => done(res.statusCode ?? null, null));
      res.on('error', () => done(res.statusCode ?? null, null));
    });
    const timer = setTimeout(() => done(null, `no response within ${timeoutMs} ms`), timeoutMs);
    req.on('error', (err: NodeJS.ErrnoException) => done(null, err.code ?? 'connection failed'));
    req.end(body);
  });
}
