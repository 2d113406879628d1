import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** The Standard Webhooks secret form: `whsec_` and base64 of the key bytes (32 random bytes here). */
export function generateSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

function keyOf(secret: string): Buffer {
  return Buffer.from(
    secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret,
    'base64',
  );
}

/** `v1,<base64 HMAC-SHA256 over "<id>.<timestamp>.<body>">` keyed with the secret's bytes. */
export function sign(secret: string, messageId: string, timestamp: number, body: string): string {
  return `v1,${createHmac('sha256', keyOf(secret)).update(`${messageId}.${timestamp}.${body}`).digest('base64')}`;
}

/** The `webhook-signature` header: one signature per secret still in force, space-separated. */
export function signatureHeader(
  secrets: readonly string[],
  messageId: string,
  timestamp: number,
  body: string,
): string {
  return secrets.map((s) => sign(s, messageId, timestamp, body)).join(' ');
}

/**
 * What a receiver does (docs/webhooks.md): true when one of the header's v1 signatures matches
 * and the timestamp is within `toleranceSeconds` of now.
 */
export function verifySignature(
  secret: string,
  headers: { id: string; timestamp: string; signature: string },
  body: string,
  toleranceSeconds = 300,
  now = Date.now(),
): boolean {
  const ts = Number(headers.timestamp);
  if (!Number.isInteger(ts) || Math.abs(now / 1000 - ts) > toleranceSeconds) return false;
  const expected = Buffer.from(sign(secret, headers.id, ts, body).slice(3), 'base64');
  return headers.signature.split(' ').some((part) => {
    const [version, value] = part.split(',', 2);
    if (version !== 'v1' || !value) return false;
    const got = Buffer.from(value, 'base64');
    return got.length === expected.length && timingSafeEqual(got, expected);
  });
}
