import { Role } from '../../common/auth/roles';
import type { User } from './user.entity';

export const MIN_PASSWORD = 8;
export const MAX_PASSWORD = 256;

/** Why a console user's session token no longer holds, or null: a deactivated user, or a token signed before the user's sessions were ended. */
export function sessionProblem(user: Pick<User, 'active' | 'sessionsValidFrom'>, issuedAt: Date | undefined): string | null {
  if (!user.active) return 'This user has been deactivated';
  if (user.sessionsValidFrom && (!issuedAt || issuedAt.getTime() < user.sessionsValidFrom.getTime())) {
    return 'This session was ended (password reset or role change); sign in again';
  }
  return null;
}

/** What is wrong with a new password, or null. */
export function passwordProblem(password: string, field = 'password'): string | null {
  if (password.length < MIN_PASSWORD || password.length > MAX_PASSWORD)
    return `${field} must be ${MIN_PASSWORD} to ${MAX_PASSWORD} characters`;
  if (password.trim() === '') return `${field} must not be only spaces`;
  return null;
}

export interface UserChange {
  displayName?: string;
  role?: Role;
  active?: boolean;
}

/**
 * Whether an admin may make this change to their own user: not deactivate
 * themselves or change their own role (another admin can), so that a slip in
 * the console never locks its only admin out.
 */
export function selfChangeProblem(actorUserId: string | null, userId: string, change: UserChange): string | null {
  if (actorUserId !== userId) return null;
  if (change.active === false) return 'You cannot deactivate yourself; another admin can';
  if (change.role !== undefined) return 'You cannot change your own role; another admin can';
  return null;
}

/**
 * Whether a change to one user would leave the hub without an active admin
 * (nobody could then manage users or keys): the reason to refuse, or null.
 */
export function lastAdminProblem(
  user: Pick<User, 'id' | 'username' | 'role' | 'active'>,
  change: UserChange,
  activeAdminIds: readonly string[],
): string | null {
  const stillAdmin = (change.role ?? user.role) === Role.ADMIN && (change.active ?? user.active);
  if (stillAdmin) return null;
  const others = activeAdminIds.filter((id) => id !== user.id);
  return others.length === 0 ? `${user.username} is the last active admin; make another user an admin first` : null;
}

/**
 * Whether the change ends the user's sessions: deactivation (so reactivating
 * does not bring old tokens back) and a change of role (so open consoles and
 * sockets pick the new role up by signing in again).
 */
export function endsSessions(user: Pick<User, 'role' | 'active'>, change: UserChange): boolean {
  return (change.active === false && user.active) || (change.role !== undefined && change.role !== user.role);
}
