import { Role, type Principal } from '../../common/auth/roles';
import type { AuditEntry } from '../../db/audit-entry.entity';

/**
 * Subjects whose audit entries only admins read, as only admins may read the
 * subjects themselves (the users and apiKeys queries): users with their roles,
 * sign-ins (`login`, about a User), API keys with their names, and the
 * webhook endpoints of those keys (the webhookEndpoints query). A new
 * admin-only subject joins this list.
 */
export const ADMIN_ONLY_SUBJECTS: readonly string[] = ['User', 'ApiKey', 'WebhookEndpoint'];

/** The actor of an API key's changes, as readers other than admins see it: that a key acted, not which. */
export const HIDDEN_KEY_ACTOR = 'apikey';

export function readerSees(reader: Principal, subjectType: string): boolean {
  return reader.role === Role.ADMIN || !ADMIN_ONLY_SUBJECTS.includes(subjectType);
}

/** The entry as the reader may see it: an API key's name is admin-only, also where the key is the actor. */
export function seenBy(reader: Principal, entry: AuditEntry): AuditEntry {
  if (reader.role === Role.ADMIN || !entry.actor.startsWith(`${HIDDEN_KEY_ACTOR}:`)) return entry;
  return Object.assign(Object.create(Object.getPrototypeOf(entry) as object) as AuditEntry, entry, { actor: HIDDEN_KEY_ACTOR });
}
