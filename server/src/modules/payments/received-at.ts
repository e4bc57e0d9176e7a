/**
 * How far ahead of the hub's clock a payment's receivedAt may be: a payment
 * is recorded once received, but a sender's clock, or a date written as
 * midnight UTC in a zone ahead of it, can be up to a day early.
 */
export const RECEIVED_AHEAD_MS = 24 * 3600 * 1000;

/** Why a payment's receivedAt is refused (a day that has not come), or null. */
export function receivedAtProblem(receivedAt: Date | null | undefined, now: Date): string | null {
  if (!receivedAt || receivedAt.getTime() <= now.getTime() + RECEIVED_AHEAD_MS) return null;
  return `receivedAt ${receivedAt.toISOString()} has not come yet: a payment is recorded once it is received (at most a day ahead of the hub's clock)`;
}
