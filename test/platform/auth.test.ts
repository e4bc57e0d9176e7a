import { errorCode, gql, gqlOk, subscribe, wsClient } from '../support/client';
import { SignJWT } from 'jose';
import { ADMIN_PASSWORD, startTestHub, type TestHub } from '../support/hub';
import { storedSetting } from '../../server/src/db/settings';

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(async () => t?.stop());

describe('sign-in and identity', () => {
  it('signs the first admin in and tells who is calling', async () => {
    const login = await gqlOk(
      t.url,
      'mutation { login(username: "admin", password: "' + ADMIN_PASSWORD + '") { token user { username role } } }',
    );
    expect(login.login.user).toEqual({ username: 'admin', role: 'ADMIN' });
    const me = await gqlOk(t.url, '{ me { username displayName role } }', {}, login.login.token);
    expect(me.me).toEqual({ username: 'admin', displayName: 'Administrator', role: 'ADMIN' });
  });

  it('refuses a wrong password and an unknown user alike', async () => {
    const wrong = await gql(t.url, 'mutation { login(username: "admin", password: "nope-nope") { token } }');
    const unknown = await gql(t.url, 'mutation { login(username: "ghost", password: "nope-nope") { token } }');
    expect(errorCode(wrong)).toBe('UNAUTHENTICATED');
    expect(errorCode(unknown)).toBe('UNAUTHENTICATED');
    expect(wrong.errors?.[0].message).toBe(unknown.errors?.[0].message);
  });

  it('refuses a tampered token and a missing one', async () => {
    const tampered = t.adminToken.slice(0, -3) + (t.adminToken.endsWith('a') ? 'bbb' : 'aaa');
    expect(errorCode(await gql(t.url, '{ me { username } }', {}, tampered))).toBe('UNAUTHENTICATED');
    expect(errorCode(await gql(t.url, '{ me { username } }'))).toBe('UNAUTHENTICATED');
  });

  it('creates users with their role and refuses a duplicate username', async () => {
    const input = { username: 'olga', displayName: 'Olga Operator', password: 'operator-pass', role: 'OPERATOR' };
    const created = await gqlOk(
      t.url,
      'mutation($i: CreateUserInput!) { createUser(input: $i) { id username displayName role } }',
      { i: input },
      t.adminToken,
    );
    expect(created.createUser).toMatchObject({ username: 'olga', displayName: 'Olga Operator', role: 'OPERATOR' });
    const again = await gql(t.url, 'mutation($i: CreateUserInput!) { createUser(input: $i) { id } }', { i: input }, t.adminToken);
    expect(errorCode(again)).toBe('CONFLICT');
    const short = await gql(
      t.url,
      'mutation($i: CreateUserInput!) { createUser(input: $i) { id } }',
      { i: { ...input, username: 'olga2', password: 'short' } },
      t.adminToken,
    );
    expect(errorCode(short)).toBe('BAD_USER_INPUT');
    const blank = await gql(
      t.url,
      'mutation($i: CreateUserInput!) { createUser(input: $i) { id } }',
      { i: { ...input, username: 'olga3', password: '        ' } },
      t.adminToken,
    );
    expect(errorCode(blank)).toBe('BAD_USER_INPUT');
    expect(blank.errors?.[0].message).toBe('password must not be only spaces');
    const login = await gqlOk(t.url, 'mutation { login(username: "olga", password: "operator-pass") { user { role } } }');
    expect(login.login.user.role).toBe('OPERATOR');
  });

  it('shows an API key secret once, accepts it, and stops accepting it when revoked', async () => {
    const created = await gqlOk(
      t.url,
      'mutation { createApiKey(input: { name: "Acme Energy partner", role: PARTNER }) { secret apiKey { id name role createdAt revokedAt } } }',
      {},
      t.adminToken,
    );
    const { secret, apiKey } = created.createApiKey;
    expect(secret).toMatch(/^hub_/);
    expect(apiKey).toMatchObject({ name: 'Acme Energy partner', role: 'PARTNER', revokedAt: null });
    const me = await gqlOk(t.url, '{ me { username role } }', {}, secret);
    expect(me.me).toEqual({ username: 'apikey:Acme Energy partner', role: 'PARTNER' });

    // The secret is kept only as a digest.
    const rows = await t.hub.db.manager.query('SELECT secret_digest FROM api_key WHERE id = ?', [apiKey.id]);
    expect(rows[0].secret_digest).not.toContain(secret);
    expect(rows[0].secret_digest).toHaveLength(64);

    const revoked = await gqlOk(t.url, 'mutation($id: ID!) { revokeApiKey(id: $id) { revokedAt } }', { id: apiKey.id }, t.adminToken);
    expect(revoked.revokeApiKey.revokedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(errorCode(await gql(t.url, '{ me { username } }', {}, secret))).toBe('UNAUTHENTICATED');
    const twice = await gql(t.url, 'mutation($id: ID!) { revokeApiKey(id: $id) { revokedAt } }', { id: apiKey.id }, t.adminToken);
    expect(errorCode(twice)).toBe('INVALID_STATE');
    // Admins see every key, revoked ones included, but never a secret again.
    const keys = await gqlOk(t.url, '{ apiKeys { id name role revokedAt } users { username role } }', {}, t.adminToken);
    expect(keys.apiKeys).toContainEqual({
      id: apiKey.id,
      name: 'Acme Energy partner',
      role: 'PARTNER',
      revokedAt: revoked.revokeApiKey.revokedAt,
    });
    expect(keys.users).toContainEqual({ username: 'admin', role: 'ADMIN' });
    expect(JSON.stringify(keys)).not.toContain(secret);
  });
});

describe('WebSocket credentials', () => {
  it('closes a socket without valid credentials with 4403 before any subscription starts', async () => {
    for (const token of [null, 'hub_not-a-real-key', 'not.a.jwt']) {
      let closeCode = 0;
      const client = wsClient(t.url, token, { onClose: (code) => (closeCode = code) });
      const sub = subscribe(client, 'subscription { events { id } }');
      await sub.done;
      expect(sub.values).toHaveLength(0);
      expect(closeCode).toBe(4403);
      await client.dispose();
    }
  });

  it('accepts a token in connectionParams.authorization', async () => {
    const client = wsClient(t.url, t.adminToken);
    const sub = subscribe(client, 'subscription { events { id } }');
    // The subscription is live: no error, no completion.
    const outcome = await Promise.race([sub.done.then(() => 'ended'), new Promise((r) => setTimeout(() => r('open'), 300))]);
    expect(outcome).toBe('open');
    expect(sub.errors).toEqual([]);
    sub.stop();
    await client.dispose();
  });

  it('closes the sockets of an API key when it is revoked', async () => {
    const secret = await t.apiKey('INTEGRATOR');
    const keys = await gqlOk(t.url, '{ me { username } }', {}, secret);
    expect(keys.me.username).toMatch(/^apikey:/);
    const keyId = (await t.hub.db.manager.query('SELECT id FROM api_key ORDER BY id DESC LIMIT 1'))[0].id;
    let closeCode = 0;
    const client = wsClient(t.url, secret, { onClose: (code) => (closeCode = code) });
    const sub = subscribe(client, 'subscription { events { id } }');
    await new Promise((r) => setTimeout(r, 200));
    await gqlOk(t.url, 'mutation($id: ID!) { revokeApiKey(id: $id) { id } }', { id: String(keyId) }, t.adminToken);
    await sub.done;
    expect(closeCode).toBe(4403);
    await client.dispose();
  });

  it('closes a console socket with 4403 when its session token expires, and streams nothing after', async () => {
    // A session about to run out, signed as the hub signs every session (its signing key is kept in the database).
    const secret = await storedSetting(t.hub.db, 'jwt_secret', () => {
      throw new Error('the hub has no signing key');
    });
    const adminId = (await gqlOk(t.url, '{ me { id } }', {}, t.adminToken)).me.id as string;
    const expiresAt = Date.now() + 3_000;
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(adminId)
      .setIssuer('billing-hub')
      .setIssuedAt()
      .setExpirationTime(Math.floor(expiresAt / 1000))
      .sign(new TextEncoder().encode(secret));

    let closeCode = 0;
    let closedAt = 0;
    const client = wsClient(t.url, token, {
      onClose: (code) => {
        closeCode = code;
        closedAt = Date.now();
      },
    });
    const sub = subscribe(client, 'subscription { events(types: [PRODUCT_CHANGED]) { id } }');
    const createProduct = (code: string) =>
      gqlOk(
        t.url,
        'mutation($input: CreateProductInput!) { createProduct(input: $input) { id } }',
        { input: { code, name: code, unit: 'kWh', fixedCharge: '1.00' } },
        t.adminToken,
      );
    await new Promise((r) => setTimeout(r, 300));
    await createProduct('BEFORE-EXPIRY');
    await sub.waitFor(1);

    await sub.done;
    expect(closeCode).toBe(4403);
    // Closed at expiry (the seconds of the exp claim), within the re-check's period: not hours later.
    expect(closedAt).toBeGreaterThanOrEqual(Math.floor(expiresAt / 1000) * 1000);
    expect(closedAt - expiresAt).toBeLessThan(10_000);
    await createProduct('AFTER-EXPIRY');
    await new Promise((r) => setTimeout(r, 500));
    expect(sub.values).toHaveLength(1);
    await client.dispose();
  });
});
