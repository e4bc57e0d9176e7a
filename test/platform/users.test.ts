import { errorCode, gql, gqlOk, subscribe, wsClient } from '../support/client';
import { SignJWT } from 'jose';
import { storedSetting } from '../../server/src/db/settings';
import { ADMIN_PASSWORD, startTestHub, type TestHub } from '../support/hub';

let t: TestHub;
let counter = 0;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(async () => t?.stop());

const PASSWORD = 'a-long-password';
const UPDATE =
  'mutation($id: ID!, $input: UpdateUserInput!) { updateUser(id: $id, input: $input) { id username displayName role active } }';
const RESET = 'mutation($id: ID!, $p: String!) { setUserPassword(id: $id, password: $p) { id active } }';
const CHANGE = 'mutation($c: String!, $n: String!) { changeMyPassword(currentPassword: $c, newPassword: $n) { username } }';
const ME = '{ me { username role active } }';

async function login(username: string, password = PASSWORD): Promise<string> {
  const data = await gqlOk(t.url, 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }', {
    u: username,
    p: password,
  });
  return data.login.token;
}

async function newUser(role = 'OPERATOR'): Promise<{ id: string; username: string; token: string }> {
  const username = `user${++counter}`;
  const data = await gqlOk(
    t.url,
    'mutation($input: CreateUserInput!) { createUser(input: $input) { id active } }',
    { input: { username, displayName: username, password: PASSWORD, role } },
    t.adminToken,
  );
  expect(data.createUser.active).toBe(true);
  return { id: data.createUser.id, username, token: await login(username) };
}

async function auditActions(id: string): Promise<string[]> {
  const data = await gqlOk(
    t.url,
    'query($id: String) { auditLog(subjectType: "User", subjectId: $id) { nodes { action actor } } }',
    { id },
    t.adminToken,
  );
  return data.auditLog.nodes.map((n: { action: string }) => n.action);
}

/** A console socket with a live subscription, and when and how it closed. */
function openConsoleSocket(token: string) {
  const closed = { code: 0, at: 0 };
  const client = wsClient(t.url, token, {
    onClose: (code) => {
      closed.code = code;
      closed.at = Date.now();
    },
  });
  const sub = subscribe(client, 'subscription { events(types: [PRODUCT_CHANGED]) { id } }');
  return { client, sub, closed };
}

async function isOpen(sub: { done: Promise<void> }): Promise<boolean> {
  return Promise.race([sub.done.then(() => false), new Promise<boolean>((r) => setTimeout(() => r(true), 300))]);
}

describe('updateUser', () => {
  it('changes the display name and role, keeps what is left out, and audits the change', async () => {
    const user = await newUser();
    const renamed = (await gqlOk(t.url, UPDATE, { id: user.id, input: { displayName: 'Olga Petrova' } }, t.adminToken)).updateUser;
    expect(renamed).toEqual({ id: user.id, username: user.username, displayName: 'Olga Petrova', role: 'OPERATOR', active: true });
    // A new name leaves the session alone.
    expect((await gqlOk(t.url, ME, {}, user.token)).me).toEqual({ username: user.username, role: 'OPERATOR', active: true });

    const promoted = (await gqlOk(t.url, UPDATE, { id: user.id, input: { role: 'ADMIN' } }, t.adminToken)).updateUser;
    expect(promoted).toMatchObject({ displayName: 'Olga Petrova', role: 'ADMIN', active: true });
    // A new role ends the sessions: the new role applies from the next sign-in.
    expect(errorCode(await gql(t.url, ME, {}, user.token))).toBe('UNAUTHENTICATED');
    expect((await gqlOk(t.url, ME, {}, await login(user.username))).me.role).toBe('ADMIN');
    expect(await auditActions(user.id)).toEqual(expect.arrayContaining(['updateUser', 'updateUser']));
  });

  it('refuses bad input and unknown users without changing anything', async () => {
    const user = await newUser();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ id: user.id, input: {} }, 'BAD_USER_INPUT'],
      [{ id: user.id, input: { displayName: ' ' } }, 'BAD_USER_INPUT'],
      [{ id: user.id, input: { displayName: 'x'.repeat(129) } }, 'BAD_USER_INPUT'],
      [{ id: '999999', input: { active: false } }, 'NOT_FOUND'],
      [{ id: 'abc', input: { active: false } }, 'BAD_USER_INPUT'],
    ];
    for (const [variables, code] of cases) expect(errorCode(await gql(t.url, UPDATE, variables, t.adminToken))).toBe(code);
    expect((await gqlOk(t.url, ME, {}, user.token)).me.active).toBe(true);
  });

  it('is for admins only', async () => {
    const user = await newUser();
    const other = await newUser();
    const result = await gql(t.url, UPDATE, { id: other.id, input: { active: false } }, user.token);
    expect(errorCode(result)).toBe('FORBIDDEN');
    expect(errorCode(await gql(t.url, RESET, { id: other.id, p: 'another-password' }, user.token))).toBe('FORBIDDEN');
  });

  it('keeps an admin from locking themselves out', async () => {
    const admin = await newUser('ADMIN');
    const refusals: Array<[string, Record<string, unknown>, string, RegExp]> = [
      [UPDATE, { id: admin.id, input: { active: false } }, 'INVALID_STATE', /deactivate yourself/],
      [UPDATE, { id: admin.id, input: { role: 'OPERATOR' } }, 'INVALID_STATE', /own role/],
      [RESET, { id: admin.id, p: 'another-password' }, 'BAD_USER_INPUT', /changeMyPassword/],
    ];
    for (const [query, variables, code, message] of refusals) {
      const result = await gql(t.url, query, variables, admin.token);
      expect(errorCode(result)).toBe(code);
      expect(result.errors?.[0].message).toMatch(message);
    }
    expect((await gqlOk(t.url, UPDATE, { id: admin.id, input: { displayName: 'The boss' } }, admin.token)).updateUser.displayName).toBe(
      'The boss',
    );
    expect((await gqlOk(t.url, ME, {}, admin.token)).me).toEqual({ username: admin.username, role: 'ADMIN', active: true });
  });

  it('never leaves the hub without an active admin', async () => {
    // An admin API key manages users too, and is no user: the last admin is guarded for it as well.
    const key = await t.apiKey('ADMIN');
    const users = (await gqlOk(t.url, '{ users { id username role active } }', {}, key)).users as Array<{
      id: string;
      username: string;
      role: string;
      active: boolean;
    }>;
    // Every admin but the first is demoted, so the first is the last one.
    const admin = users.find((u) => u.username === 'admin') as { id: string };
    for (const u of users)
      if (u.role === 'ADMIN' && u.active && u.id !== admin.id) await gqlOk(t.url, UPDATE, { id: u.id, input: { role: 'OPERATOR' } }, key);
    for (const input of [{ active: false }, { role: 'OPERATOR' }]) {
      const result = await gql(t.url, UPDATE, { id: admin.id, input }, key);
      expect(errorCode(result)).toBe('INVALID_STATE');
      expect(result.errors?.[0].message).toMatch(/last active admin/);
    }
    expect((await gqlOk(t.url, ME, {}, t.adminToken)).me).toEqual({ username: 'admin', role: 'ADMIN', active: true });
  });
});

describe('a deactivated user', () => {
  it('is refused at once: requests, sign-in and open sockets; reactivated, signs in again with a new session', async () => {
    const user = await newUser();
    const socket = openConsoleSocket(user.token);
    expect(await isOpen(socket.sub)).toBe(true);

    const at = Date.now();
    const off = (await gqlOk(t.url, UPDATE, { id: user.id, input: { active: false } }, t.adminToken)).updateUser;
    expect(off.active).toBe(false);
    await socket.sub.done;
    expect(socket.closed.code).toBe(4403);
    // Closed by the revocation message, not the periodic re-check.
    expect(socket.closed.at - at).toBeLessThan(1_500);
    await socket.client.dispose();

    const refused = await gql(t.url, ME, {}, user.token);
    expect(errorCode(refused)).toBe('UNAUTHENTICATED');
    expect(refused.errors?.[0].message).toMatch(/deactivated/);
    const signIn = await gql(t.url, 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }', {
      u: user.username,
      p: PASSWORD,
    });
    expect(errorCode(signIn)).toBe('UNAUTHENTICATED');
    expect(signIn.errors?.[0].message).toMatch(/deactivated/);
    // A wrong password gets the usual answer: a deactivated username is not revealed to someone guessing.
    const wrong = await gql(t.url, 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }', {
      u: user.username,
      p: 'not-the-password',
    });
    expect(wrong.errors?.[0].message).toBe('Wrong username or password');
    // A new socket with the old token is refused too.
    const again = openConsoleSocket(user.token);
    await again.sub.done;
    expect(again.closed.code).toBe(4403);
    await again.client.dispose();

    await gqlOk(t.url, UPDATE, { id: user.id, input: { active: true } }, t.adminToken);
    // The old session stays ended; a new sign-in works.
    expect(errorCode(await gql(t.url, ME, {}, user.token))).toBe('UNAUTHENTICATED');
    expect((await gqlOk(t.url, ME, {}, await login(user.username))).me.active).toBe(true);
  });

  it('cannot be handed work items', async () => {
    const user = await newUser();
    await gqlOk(t.url, UPDATE, { id: user.id, input: { active: false } }, t.adminToken);
    const item = await t.hub.db.transaction((tx) =>
      t.hub.services.workQueues.createItem(tx, { queueKey: 'COLLECTIONS_CALLS', kind: 'CALL_REQUEST', title: 'Call back' }),
    );
    const result = await gql(
      t.url,
      'mutation($id: ID!, $u: ID!) { reassignWorkItem(id: $id, userId: $u) { id } }',
      { id: item.id, u: user.id },
      t.adminToken,
    );
    expect(errorCode(result)).toBe('INVALID_STATE');
  });
});

describe('passwords', () => {
  it('lets an admin reset a password: the old one and every session stop working, at once', async () => {
    const user = await newUser();
    const socket = openConsoleSocket(user.token);
    expect(await isOpen(socket.sub)).toBe(true);
    const data = await gqlOk(t.url, RESET, { id: user.id, p: 'reset-password-1' }, t.adminToken);
    expect(data.setUserPassword).toEqual({ id: user.id, active: true });
    await socket.sub.done;
    expect(socket.closed.code).toBe(4403);
    await socket.client.dispose();
    expect(errorCode(await gql(t.url, ME, {}, user.token))).toBe('UNAUTHENTICATED');
    expect(
      errorCode(await gql(t.url, 'mutation { login(username: "' + user.username + '", password: "' + PASSWORD + '") { token } }')),
    ).toBe('UNAUTHENTICATED');
    expect((await gqlOk(t.url, ME, {}, await login(user.username, 'reset-password-1'))).me.username).toBe(user.username);
    expect(await auditActions(user.id)).toContain('setUserPassword');
  });

  it('refuses a reset password out of bounds and an unknown user', async () => {
    const user = await newUser();
    expect(errorCode(await gql(t.url, RESET, { id: user.id, p: 'short' }, t.adminToken))).toBe('BAD_USER_INPUT');
    expect(errorCode(await gql(t.url, RESET, { id: user.id, p: 'x'.repeat(257) }, t.adminToken))).toBe('BAD_USER_INPUT');
    expect(errorCode(await gql(t.url, RESET, { id: '999999', p: 'long-enough-1' }, t.adminToken))).toBe('NOT_FOUND');
    expect((await gqlOk(t.url, ME, {}, user.token)).me.username).toBe(user.username);
  });

  it('lets a user change their own password given the current one, staying signed in', async () => {
    const user = await newUser('PARTNER');
    const wrong = await gql(t.url, CHANGE, { c: 'not-my-password', n: 'new-password-1' }, user.token);
    expect(errorCode(wrong)).toBe('BAD_USER_INPUT');
    expect(wrong.errors?.[0].message).toMatch(/currentPassword/);
    expect(errorCode(await gql(t.url, CHANGE, { c: PASSWORD, n: 'short' }, user.token))).toBe('BAD_USER_INPUT');
    expect(errorCode(await gql(t.url, CHANGE, { c: PASSWORD, n: PASSWORD }, user.token))).toBe('BAD_USER_INPUT');
    // Nothing changed so far.
    await login(user.username);

    expect((await gqlOk(t.url, CHANGE, { c: PASSWORD, n: 'new-password-1' }, user.token)).changeMyPassword.username).toBe(user.username);
    expect((await gqlOk(t.url, ME, {}, user.token)).me.username).toBe(user.username);
    expect(
      errorCode(await gql(t.url, 'mutation { login(username: "' + user.username + '", password: "' + PASSWORD + '") { token } }')),
    ).toBe('UNAUTHENTICATED');
    await login(user.username, 'new-password-1');
    expect(await auditActions(user.id)).toContain('changeMyPassword');
  });

  it('has no password to change for an API key', async () => {
    const key = await t.apiKey('INTEGRATOR');
    expect(errorCode(await gql(t.url, CHANGE, { c: 'whatever-1', n: 'whatever-2' }, key))).toBe('BAD_USER_INPUT');
    expect(errorCode(await gql(t.url, CHANGE, { c: ADMIN_PASSWORD, n: 'whatever-2' }))).toBe('UNAUTHENTICATED');
  });
});

describe('an expiring session', () => {
  it('has its socket closed at the expiry itself, not at the next periodic re-check', async () => {
    const secret = await storedSetting(t.hub.db, 'jwt_secret', () => {
      throw new Error('the hub has no signing key');
    });
    const adminId = (await gqlOk(t.url, '{ me { id } }', {}, t.adminToken)).me.id as string;
    // Expiring on a whole second (the exp claim's unit), about 2 s from now.
    const exp = Math.floor(Date.now() / 1000) + 2;
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(adminId)
      .setIssuer('billing-hub')
      .setIssuedAt()
      .setExpirationTime(exp)
      .sign(new TextEncoder().encode(secret));
    const socket = openConsoleSocket(token);
    expect(await isOpen(socket.sub)).toBe(true);
    await socket.sub.done;
    expect(socket.closed.code).toBe(4403);
    expect(socket.closed.at).toBeGreaterThanOrEqual(exp * 1000);
    // The re-check runs every 2 s; the expiry timer closes it at once.
    expect(socket.closed.at - exp * 1000).toBeLessThan(1_200);
    await socket.client.dispose();
  });
});
