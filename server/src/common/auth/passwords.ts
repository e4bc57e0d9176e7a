import { hash, verify } from '@node-rs/argon2';
import { createHash, randomBytes } from 'node:crypto';

/** Passwords are hashed with Argon2id (the library's defaults follow OWASP's guidance). */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/**
 * API key secrets carry 256 random bits, so a fast digest is enough to store
 * them and lets a request find its key by the digest in one indexed read.
 */
export function newApiKeySecret(): string {
  return `hub_${randomBytes(32).toString('base64url')}`;
}

export function digestSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function randomPassword(): string {
  return randomBytes(12).toString('base64url');
}
