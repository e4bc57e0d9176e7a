import { requireText } from '../../common/validation';

/** What an account number, email and phone may look like, wherever an account is created or changed. */
export const ACCOUNT_NUMBER = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const PHONE = /^[0-9+()\-. ]+$/;

/** A segment key as stored: letters, digits and _, upper-case, at most 32 characters. */
export function normalizeSegment(value: string): string {
  return requireText(value, 'segment', 32, { pattern: /^[A-Za-z0-9_]+$/, hint: 'may use letters, digits and _ only' }).toUpperCase();
}
