import type { MiddlewareFn } from 'type-graphql';
import { Role } from './roles';

/**
 * A stored actor (a username, "apikey:<name>", SCHEDULE, system) as a reader
 * may see it: an API key's name only by admins, as in the audit log; every
 * other role reads "apikey" (see signatureOf, for texts written once for all).
 */
export function actorAsSeen(actor: string, readerRole: Role | null): string {
  return readerRole !== Role.ADMIN && actor.startsWith('apikey:') ? 'apikey' : actor;
}

/** What the middleware reads of the request's context (HubContext has it). */
interface Caller {
  principal: { role: Role } | null;
}

/** For the fields that name who did something (createdBy, setBy, startedBy...): actorAsSeen for the caller. */
export const ActorAsSeen: MiddlewareFn<Caller> = async ({ context }, next) => {
  const value: unknown = await next();
  return typeof value === 'string' ? actorAsSeen(value, context.principal?.role ?? null) : value;
};
