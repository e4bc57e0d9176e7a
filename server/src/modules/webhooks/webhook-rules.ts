import { createHmac, randomBytes } from 'node:crypto';
import { Access, Role } from '../../common/auth/roles';
import { badInput } from '../../common/errors/hub-error';
import { EventType } from '../../events/event-types';

/** How long a rotated-out secret keeps signing alongside the new one. */
export const PREVIOUS_SECRET_MS = 24 * 3600 * 1000;
const SECRET_PREFIX = 'whsec_';

/** The event types a key of this role may receive: every one for the roles that read events, PRODUCT_CHANGED for partners. */
export function visibleEventTypes(role: Role): EventType[] {
  if ((Access.READ as readonly Role[]).includes(role)) return Object.values(EventType);
  return [EventType.PRODUCT_CHANGED];
}

/** The requested types, deduplicated, each one the role may see; empty stays empty (meaning all of them). */
export function checkEventTypes(role: Role, requested: EventType[] | null | undefined): EventType[] {
  const visible = visibleEventTypes(role);
  const types = [...new Set(requested ?? [])];
  const refused = types.filter((t) => !visible.includes(t));
  if (refused.length > 0) {
    throw badInput(`A ${role} key may not receive ${refused.join(', ')}; choose among ${visible.join(', ')} (or none, for all of them)`);
  }
  return types;
}

/** The types an endpoint receives: those it names, else every type its key's role may see. */
export function deliveredTypes(role: Role, named: EventType[]): EventType[] {
  const visible = visibleEventTypes(role);
  return named.length > 0 ? named.filter((t) => visible.includes(t)) : visible;
}

/** A new signing secret: whsec_ and 32 random bytes in base64, as the Standard Webhooks specification describes. */
export function newSecret(): string {
  return SECRET_PREFIX + randomBytes(32).toString('base64');
}

/** v1,<base64 HMAC-SHA256 of "id.timestamp.body"> with the secret's key. */
export function sign(secret: string, id: string, timestampSeconds: number, body: string): string {
  const key = Buffer.from(secret.slice(SECRET_PREFIX.length), 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestampSeconds}.${body}`).digest('base64')}`;
}

/** The webhook-signature header: one signature per secret in use, space-separated. */
export function signatureHeader(secrets: string[], id: string, timestampSeconds: number, body: string): string {
  return secrets.map((s) => sign(s, id, timestampSeconds, body)).join(' ');
}

/** The secrets that sign a message now: the current one, and the previous one during its 24 hours. */
export function signingSecrets(
  endpoint: { secret: string; previousSecret: string | null; previousSecretUntil: Date | null },
  now: Date,
): string[] {
  const previous =
    endpoint.previousSecret && endpoint.previousSecretUntil && endpoint.previousSecretUntil > now ? [endpoint.previousSecret] : [];
  return [endpoint.secret, ...previous];
}

/** The message body: {type, timestamp, data}. */
export function messageBody(type: EventType, occurredAt: Date, data: Record<string, unknown>): string {
  return JSON.stringify({ type, timestamp: occurredAt.toISOString(), data });
}

export interface RetryPolicy {
  /** Waits after the 1st, 2nd... failure in a row; the last repeats. */
  scheduleMs: number[];
  /** Failing this long disables the endpoint. */
  windowMs: number;
}

export type AfterFailure = { disable: true } | { disable: false; nextAttemptAt: Date; failingSince: Date };

/**
 * What a failed attempt leads to: the next attempt after the schedule's wait
 * for this many failures in a row, the last one at the end of the window at
 * the latest; a failure at or past the end of the window disables the endpoint.
 */
export function afterFailure(args: { failures: number; failingSince: Date | null; now: Date; policy: RetryPolicy }): AfterFailure {
  const { now, policy } = args;
  const since = args.failingSince ?? now;
  const windowEnd = since.getTime() + policy.windowMs;
  if (now.getTime() >= windowEnd) return { disable: true };
  const wait = policy.scheduleMs[Math.min(args.failures, policy.scheduleMs.length) - 1] ?? policy.scheduleMs[0];
  return { disable: false, nextAttemptAt: new Date(Math.min(now.getTime() + wait, windowEnd)), failingSince: since };
}
