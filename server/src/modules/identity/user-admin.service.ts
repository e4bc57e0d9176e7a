import type { Principal } from '../../common/auth/roles';
import { Role } from '../../common/auth/roles';
import { hashPassword, verifyPassword } from '../../common/auth/passwords';
import { badInput, invalidState, notFound } from '../../common/errors/hub-error';
import type { RequestLimits } from '../../common/rate-limit/request-limits';
import { parseId, requireText } from '../../common/validation';
import type { Database, Tx } from '../../db/database';
import { Topic, type HubPubSub } from '../../events/pubsub';
import { publicUser } from './identity.service';
import type { UpdateUserInput } from './identity.types';
import { endsSessions, lastAdminProblem, passwordProblem, selfChangeProblem, type UserChange } from './user-rules';
import { User } from './user.entity';
import { changesNothing } from '../../common/changes';

/**
 * An admin edits, deactivates and resets the passwords of console users; a
 * user changes their own password. A deactivated user, or one whose sessions
 * were ended, is refused on the next request, and their open WebSockets are
 * closed at once on every process (CREDENTIAL_REVOKED) or at the latest at the
 * next credential re-check.
 */
export class UserAdminService {
  constructor(
    private readonly db: Database,
    private readonly pubsub: HubPubSub,
    private readonly limits: RequestLimits,
  ) {}

  async updateUser(actor: Principal, id: string, input: UpdateUserInput): Promise<User> {
    parseId(id, 'User');
    const change: UserChange = {};
    if (input.displayName !== undefined && input.displayName !== null)
      change.displayName = requireText(input.displayName, 'displayName', 128);
    if (input.role !== undefined && input.role !== null) change.role = input.role;
    if (input.active !== undefined && input.active !== null) change.active = input.active;
    if (Object.keys(change).length === 0) throw badInput('Give at least one of displayName, role and active');
    const own = selfChangeProblem(actor.kind === 'user' ? actor.id : null, id, change);
    if (own) throw invalidState(own);
    let ended = false;
    const user = await this.db.transaction(async (tx) => {
      const before = await this.lockUser(tx, id);
      if (changesNothing(before, change)) return before;
      const problem = lastAdminProblem(before, change, await this.activeAdminIds(tx));
      if (problem) throw invalidState(problem);
      ended = endsSessions(before, change);
      await tx.em.getRepository(User).update({ id }, { ...change, ...(ended ? { sessionsValidFrom: new Date() } : {}) });
      const after = await tx.em.getRepository(User).findOneByOrFail({ id });
      tx.audit({
        actor: actor.name,
        action: 'updateUser',
        subjectType: 'User',
        subjectId: id,
        before: publicUser(before),
        after: publicUser(after),
      });
      return after;
    });
    if (ended) this.announceEnded(id);
    return user;
  }

  /** An admin sets a new password; the user's sessions end (a reset is what follows a leaked password). */
  async setUserPassword(actor: Principal, id: string, password: string): Promise<User> {
    parseId(id, 'User');
    const problem = passwordProblem(password);
    if (problem) throw badInput(problem);
    if (actor.kind === 'user' && actor.id === id) {
      throw badInput('To change your own password use changeMyPassword, which asks for the current one');
    }
    const passwordHash = await hashPassword(password);
    const user = await this.db.transaction(async (tx) => {
      const before = await this.lockUser(tx, id);
      await tx.em.getRepository(User).update({ id }, { passwordHash, sessionsValidFrom: new Date() });
      tx.audit({
        actor: actor.name,
        action: 'setUserPassword',
        subjectType: 'User',
        subjectId: id,
        after: { passwordReset: true, sessionsEnded: true },
      });
      return before;
    });
    this.announceEnded(id);
    return user;
  }

  /**
   * The signed-in user changes their own password, giving the current one;
   * wrong guesses count against the sign-in throttle. The session in use
   * stays signed in.
   */
  async changeMyPassword(actor: Principal, currentPassword: string, newPassword: string, address: string): Promise<User> {
    if (actor.kind !== 'user') throw badInput('An API key has no password: sign in to the console as a user to change one');
    const problem = passwordProblem(newPassword, 'newPassword');
    if (problem) throw badInput(problem);
    if (newPassword === currentPassword) throw badInput('newPassword must differ from the current password');
    const attempt = await this.limits.signInAttempt(actor.name, address);
    const stored = await this.db.manager.getRepository(User).findOneBy({ id: actor.id });
    if (!stored) throw notFound(`User ${actor.id}`);
    if (!(await verifyPassword(stored.passwordHash, currentPassword.slice(0, 256)))) {
      throw badInput('currentPassword is not your current password');
    }
    await attempt.succeeded();
    const passwordHash = await hashPassword(newPassword);
    return this.db.transaction(async (tx) => {
      // Conditional on the hash read above: of two changes made at once from the same password, the second finds it changed.
      const result = await tx.em.getRepository(User).update({ id: actor.id, passwordHash: stored.passwordHash }, { passwordHash });
      if (!result.affected) throw invalidState('Your password was changed meanwhile; sign in again with the new one');
      tx.audit({
        actor: actor.name,
        action: 'changeMyPassword',
        subjectType: 'User',
        subjectId: actor.id,
        after: { passwordChanged: true },
      });
      return tx.em.getRepository(User).findOneByOrFail({ id: actor.id });
    });
  }

  /** The user row, locked on MySQL so concurrent edits of it (and of the admins' count) take turns. */
  private async lockUser(tx: Tx, id: string): Promise<User> {
    const qb = tx.em.getRepository(User).createQueryBuilder('u').where('u.id = :id', { id });
    if (tx.dialect === 'mysql') qb.setLock('pessimistic_write');
    const user = await qb.getOne();
    if (!user) throw notFound(`User ${id}`);
    return user;
  }

  /** Locked too on MySQL: two admins deactivating each other at once must not both succeed. */
  private async activeAdminIds(tx: Tx): Promise<string[]> {
    const qb = tx.em
      .getRepository(User)
      .createQueryBuilder('u')
      .select(['u.id'])
      .where('u.role = :admin', { admin: Role.ADMIN })
      .andWhere('u.active = :yes', { yes: 1 });
    if (tx.dialect === 'mysql') qb.setLock('pessimistic_write');
    return (await qb.getMany()).map((u) => u.id);
  }

  private announceEnded(id: string): void {
    // Not awaited: with Redis away the message would wait for it; the credential re-check closes the sockets anyway.
    void this.pubsub.publish(Topic.CREDENTIAL_REVOKED, { kind: 'user', id }).catch(() => undefined);
  }
}
