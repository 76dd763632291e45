import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * The token after `Bearer ` in an Authorization header, split at the first space as the API's own bearer
 * tokens are (api.md §1.3); undefined for a missing header or another scheme.
 */
export function bearerToken(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const space = header.indexOf(' ');
  if (space < 0 || header.slice(0, space).toLowerCase() !== 'bearer') return undefined;
  return header.slice(space + 1);
}

/** Exact comparison of a presented secret with the configured one, in time independent of where they differ. */
export function sameSecret(presented: string | undefined, expected: string): boolean {
  if (presented === undefined) return false;
  // Hashing first gives equal-length inputs, so the comparison leaks neither content nor length.
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(presented), digest(expected));
}
