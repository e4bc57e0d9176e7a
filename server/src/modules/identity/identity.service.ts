import { In, IsNull } from 'typeorm';
import { Role, type Principal } from '../../common/auth/roles';
import { checkSignInPassword, digestSecret, hashPassword, newApiKeySecret, randomPassword } from '../../common/auth/passwords';
import { TokenService } from '../../common/auth/tokens';
import { badInput, conflict, invalidState, notFound, unauthenticated } from '../../common/errors/hub-error';
import { parseId, requireText } from '../../common/validation';
import type { Database, Tx } from '../../db/database';
import { isUniqueViolation } from '../../db/errors';
import { storedSetting } from '../../db/settings';
import { randomBytes } from 'node:crypto';
import { Topic, type HubPubSub } from '../../events/pubsub';
import type { RequestLimits } from '../../common/rate-limit/request-limits';
import { ApiKey } from './api-key.entity';
import { ApiKeyCache } from './api-key-cache';
import type { ApiKeyWithSecret, AuthPayload, CreateApiKeyInput, CreateUserInput } from './identity.types';
import { User } from './user.entity';
import { normalizeUsername } from './username';
import { passwordProblem, sessionProblem } from './user-rules';

/** A username as stored: normalised (normalizeUsername), so lower-case letters only. */
const USERNAME = /^[a-z0-9_.@-]+$/;
const JWT_SETTING = 'jwt_secret';

export function publicUser(user: User) {
  return { id: user.id, username: user.username, displayName: user.displayName, role: user.role, active: user.active };
}

function publicKey(key: ApiKey) {
  return { id: key.id, name: key.name, role: key.role, createdAt: key.createdAt, revokedAt: key.revokedAt };
}

/** Console users, API keys, sign-in and the identity of every request. */
export class IdentityService {
  private constructor(
    private readonly db: Database,
    private readonly pubsub: HubPubSub,
    private readonly tokens: TokenService,
    private readonly limits: RequestLimits,
  ) {}

  private readonly keys = new ApiKeyCache();
  private readonly revokedHooks: Array<(tx: Tx, key: ApiKey) => Promise<void>> = [];

  /** Runs inside the transaction that revokes a key: what worked under the key stops with it. */
  onKeyRevoked(hook: (tx: Tx, key: ApiKey) => Promise<void>): void {
    this.revokedHooks.push(hook);
  }

  /** The signing key comes from HUB_JWT_SECRET, else one generated on the first start and kept in the database. */
  static async create(db: Database, pubsub: HubPubSub, configuredSecret: string | null, limits: RequestLimits): Promise<IdentityService> {
    const secret = configuredSecret ?? (await storedSetting(db, JWT_SETTING, () => randomBytes(48).toString('base64url')));
    const service = new IdentityService(db, pubsub, new TokenService(secret), limits);
    // Keys revoked by any process stop working here too.
    await pubsub.subscribe(Topic.CREDENTIAL_REVOKED, ({ kind, id }) => {
      if (kind === 'apiKey') service.keys.evict(id);
    });
    return service;
  }

  /** Creates the first admin when there is no user yet; returns the generated password, if one was. */
  async ensureFirstAdmin(configuredUsername: string, password: string | null): Promise<string | null> {
    if ((await this.db.manager.getRepository(User).count()) > 0) return null;
    const username = normalizeUsername(configuredUsername);
    const chosen = password ?? randomPassword();
    try {
      await this.db.transaction(async (tx) => {
        const user = await tx.em.getRepository(User).save(
          Object.assign(new User(), {
            username,
            displayName: 'Administrator',
            role: Role.ADMIN,
            active: true,
            sessionsValidFrom: null,
            passwordHash: await hashPassword(chosen),
            createdAt: new Date(),
          }),
        );
        tx.audit({ actor: 'system', action: 'createUser', subjectType: 'User', subjectId: user.id, after: publicUser(user) });
      });
    } catch (error) {
      if (isUniqueViolation(error)) return null;
      throw error;
    }
    return password ? null : chosen;
  }

  users(): Promise<User[]> {
    return this.db.manager.getRepository(User).find({ order: { username: 'ASC' } });
  }

  apiKeys(): Promise<ApiKey[]> {
    return this.db.manager.getRepository(ApiKey).find({ order: { id: 'DESC' } });
  }

  /** Resolves the Authorization header to a principal; a header that is present but wrong is refused. */
  async authenticate(authorization: string | null | undefined): Promise<Principal | null> {
    if (!authorization) return null;
    const m = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!m) throw unauthenticated('Send credentials as "Authorization: Bearer <token or API key>"');
    const credential = m[1];
    if (credential.startsWith('hub_')) {
      const secretDigest = digestSecret(credential);
      return this.keys.through(secretDigest, async () => {
        const key = await this.db.manager.getRepository(ApiKey).findOneBy({ secretDigest });
        if (!key) throw unauthenticated('Unknown API key');
        if (key.revokedAt) throw unauthenticated('This API key has been revoked');
        return { kind: 'apiKey', id: key.id, name: `apikey:${key.name}`, role: key.role };
      });
    }
    const claims = await this.tokens.verify(credential);
    const user = await this.db.manager.getRepository(User).findOneBy({ id: claims.userId });
    if (!user) throw unauthenticated('The user of this token no longer exists');
    const problem = sessionProblem(user, claims.issuedAt);
    if (problem) throw unauthenticated(problem);
    return { kind: 'user', id: user.id, name: user.username, role: user.role, expiresAt: claims.expiresAt, issuedAt: claims.issuedAt };
  }

  /**
   * Signs a console user in. Every spelling of a username (case, full-width,
   * invisible characters) is the one user and counts against one throttle;
   * failures count per username and client address, and per address (see
   * RequestLimits.signInAttempt), so guessing is slow and never locks the user
   * out elsewhere.
   */
  async login(username: string, password: string, address: string): Promise<AuthPayload> {
    const name = normalizeUsername(username).slice(0, 64);
    const attempt = await this.limits.signInAttempt(name, address);
    const user = await this.db.manager.getRepository(User).findOneBy({ username: name });
    // The same answer, and the same Argon2 work, for an unknown user and a wrong password, so usernames can't be probed.
    if (!(await checkSignInPassword(user?.passwordHash, password.slice(0, 256))) || !user) {
      throw unauthenticated('Wrong username or password');
    }
    await attempt.succeeded();
    // Said only to whoever knows the password, so it tells a prober nothing.
    if (!user.active) throw unauthenticated('This user has been deactivated; ask an admin to reactivate it');
    await this.db.transaction(async (tx) => {
      tx.audit({ actor: user.username, action: 'login', subjectType: 'User', subjectId: user.id });
    });
    return { token: await this.tokens.sign({ userId: user.id }), user };
  }

  /** The caller as a User; an API key appears as a user named after the key. */
  async me(principal: Principal): Promise<User> {
    if (principal.kind === 'user') {
      const user = await this.db.manager.getRepository(User).findOneBy({ id: principal.id });
      if (!user) throw unauthenticated('The user of this token no longer exists');
      return user;
    }
    return Object.assign(new User(), {
      id: `apikey-${principal.id}`,
      username: principal.name,
      displayName: principal.name.replace(/^apikey:/, ''),
      role: principal.role,
      active: true,
      sessionsValidFrom: null,
    });
  }

  async createUser(actor: Principal, input: CreateUserInput): Promise<User> {
    // Stored normalised, so `Olga`, `ＯＬＧＡ` and `ol\u200Bga` are all `olga` and cannot be three users.
    const username = requireText(normalizeUsername(input.username), 'username', 64, {
      pattern: USERNAME,
      hint: 'may use letters, digits and _.@- only (capitals are stored in lower case)',
    });
    const displayName = requireText(input.displayName, 'displayName', 128);
    const problem = passwordProblem(input.password);
    if (problem) throw badInput(problem);
    const passwordHash = await hashPassword(input.password);
    try {
      return await this.db.transaction(async (tx) => {
        const repo = tx.em.getRepository(User);
        if (await repo.existsBy({ username })) throw conflict(`A user named "${username}" already exists`);
        const user = await repo.save(
          Object.assign(new User(), {
            username,
            displayName,
            role: input.role,
            active: true,
            sessionsValidFrom: null,
            passwordHash,
            createdAt: new Date(),
          }),
        );
        tx.audit({ actor: actor.name, action: 'createUser', subjectType: 'User', subjectId: user.id, after: publicUser(user) });
        return user;
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict(`A user named "${username}" already exists`);
      throw error;
    }
  }

  async createApiKey(actor: Principal, input: CreateApiKeyInput): Promise<ApiKeyWithSecret> {
    const name = requireText(input.name, 'name', 128);
    const secret = newApiKeySecret();
    const apiKey = await this.db.transaction(async (tx) => {
      const key = await tx.em.getRepository(ApiKey).save(
        Object.assign(new ApiKey(), {
          name,
          role: input.role,
          secretDigest: digestSecret(secret),
          createdAt: new Date(),
          revokedAt: null,
        }),
      );
      tx.audit({ actor: actor.name, action: 'createApiKey', subjectType: 'ApiKey', subjectId: key.id, after: publicKey(key) });
      return key;
    });
    return { apiKey, secret };
  }

  async revokeApiKey(actor: Principal, id: string): Promise<ApiKey> {
    parseId(id, 'API key');
    const key = await this.db.transaction(async (tx) => {
      const repo = tx.em.getRepository(ApiKey);
      const before = await repo.findOneBy({ id });
      if (!before) throw notFound(`API key ${id}`);
      const revokedAt = new Date();
      // Only the UPDATE that still finds the key unrevoked wins; a second revoke is refused, not repeated.
      const result = await repo.update({ id, revokedAt: IsNull() }, { revokedAt });
      if (!result.affected) throw invalidState(`API key ${id} is already revoked`);
      const after = Object.assign(new ApiKey(), before, { revokedAt });
      for (const hook of this.revokedHooks) await hook(tx, after);
      tx.audit({
        actor: actor.name,
        action: 'revokeApiKey',
        subjectType: 'ApiKey',
        subjectId: id,
        before: publicKey(before),
        after: publicKey(after),
      });
      return after;
    });
    this.keys.evict(id);
    // Not awaited: with Redis away the message would wait for it, and the revocation has committed. Every process
    // also re-checks its sockets' credentials against the database (see CredentialWatch), so none outlives the bound.
    void this.pubsub.publish(Topic.CREDENTIAL_REVOKED, { kind: 'apiKey', id }).catch(() => undefined);
    return key;
  }

  /**
   * Why each of the principals may no longer act, read from the database and
   * never from the key cache: a revoked or deleted API key, a deleted user.
   * a deactivated user, a session ended by a password reset or role change.
   * Principals still valid are absent from the answer. (A session's expiry is
   * checked where its principal is held: see credentialExpired.)
   */
  async credentialProblems(principals: readonly Principal[]): Promise<Map<string, string>> {
    const problems = new Map<string, string>();
    const keyIds = [...new Set(principals.filter((p) => p.kind === 'apiKey').map((p) => p.id))];
    const userIds = [...new Set(principals.filter((p) => p.kind === 'user').map((p) => p.id))];
    if (keyIds.length > 0) {
      const keys = await this.db.manager.getRepository(ApiKey).find({ where: { id: In(keyIds) }, select: { id: true, revokedAt: true } });
      const live = new Set(keys.filter((k) => !k.revokedAt).map((k) => k.id));
      for (const id of keyIds) if (!live.has(id)) problems.set(principalKey({ kind: 'apiKey', id }), 'This API key has been revoked');
    }
    if (userIds.length > 0) {
      const users = await this.db.manager
        .getRepository(User)
        .find({ where: { id: In(userIds) }, select: { id: true, active: true, sessionsValidFrom: true } });
      const byId = new Map(users.map((u) => [u.id, u]));
      for (const principal of principals) {
        if (principal.kind !== 'user') continue;
        const user = byId.get(principal.id);
        const problem = user ? sessionProblem(user, principal.issuedAt) : 'The user of this token no longer exists';
        if (problem) problems.set(principalKey(principal), problem);
      }
    }
    return problems;
  }
}

/** One key per credential holder, for credentialProblems' answer. */
export function principalKey(principal: Pick<Principal, 'kind' | 'id' | 'issuedAt'>): string {
  // A user's sessions can differ: one signed before a password reset no longer holds, one signed after does.
  return principal.kind === 'user' ? `user:${principal.id}@${principal.issuedAt?.getTime() ?? ''}` : `${principal.kind}:${principal.id}`;
}

/** The reason a principal's own credential has run out (a console session past its expiry), or null. */
export function credentialExpired(principal: Principal, now: number): string | null {
  return principal.expiresAt && principal.expiresAt.getTime() <= now ? 'The session has expired; sign in again' : null;
}
