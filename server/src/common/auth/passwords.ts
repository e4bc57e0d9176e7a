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

let decoyHash: Promise<string> | undefined;

/**
 * Checks a sign-in's password against the user it names, or, for a username
 * nobody has, against a decoy hash made with the same parameters, so an unknown
 * name costs the same Argon2 work as a wrong password and the answer's timing
 * does not tell which usernames exist. Always false without a user.
 */
export async function checkSignInPassword(stored: string | undefined, password: string): Promise<boolean> {
  if (stored !== undefined) return verifyPassword(stored, password);
  decoyHash ??= hashPassword(randomPassword());
  await verifyPassword(await decoyHash, password);
  return false;
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
