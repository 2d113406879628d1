import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signed one-click unsubscribe links (RFC 8058): the signature is an HMAC of the user id under a
 * key derived from JWT_SECRET, so the link works without signing in and cannot be forged for
 * someone else. It does not expire: an unsubscribe link in an old email must keep working.
 */
const sign = (secret: string, userId: string) =>
  createHmac('sha256', secret).update(`causeway-unsubscribe-digest:${userId}`).digest('base64url');

export function unsubscribeSignature(secret: string, userId: string): string {
  return sign(secret, userId);
}

export function checkUnsubscribeSignature(
  secret: string,
  userId: string,
  signature: string,
): boolean {
  const expected = Buffer.from(sign(secret, userId));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The link in List-Unsubscribe and in the digest's footer. */
export function unsubscribeUrl(appUrl: string, secret: string, userId: string): string {
  return `${appUrl}/email/unsubscribe?u=${encodeURIComponent(userId)}&s=${unsubscribeSignature(secret, userId)}`;
}
