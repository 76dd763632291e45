import bcrypt from 'bcryptjs';
import { createHash, timingSafeEqual } from 'node:crypto';

const BCRYPT_COST = 10;
const LEGACY_SHA256 = /^[0-9a-f]{64}$/;

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, BCRYPT_COST);
}

/**
 * Checks a password against a stored hash: bcrypt, or the original's legacy unsalted SHA-256 hex, which the
 * caller then replaces with bcrypt. A malformed stored hash is a failed check, never an error.
 */
export async function verifyPassword(password: string, stored: string): Promise<{ ok: boolean; upgrade: boolean }> {
  if (LEGACY_SHA256.test(stored)) {
    const digest = createHash('sha256').update(password, 'utf8').digest();
    const ok = timingSafeEqual(digest, Buffer.from(stored, 'hex'));
    return { ok, upgrade: ok };
  }
  try {
    return { ok: await bcrypt.compare(password, stored), upgrade: false };
  } catch {
    return { ok: false, upgrade: false };
  }
}
