import { SignJWT } from 'jose';
import { errorCode, gql, gqlOk } from '../support/client';
import { createScratchDatabase, testDbKind, type ScratchDatabase } from '../support/databases';
import { startTestHub, type TestHub } from '../support/hub';

const JWT_SECRET = 'a-signing-key-of-at-least-32-characters-for-tests';

describe('query limits', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(async () => t?.stop());

  const accountCount = async () => (await gqlOk(t.url, '{ accounts { totalCount } }', {}, t.adminToken)).accounts.totalCount;

  it('refuses a query deeper than 10 levels before running anything', async () => {
    const before = await accountCount();
    const deep = `mutation { createAccount(input: { number: "DEEP-1", name: "Deep", segment: "X" }) {
      invoices { nodes { account { invoices { nodes { account { invoices { nodes { account { number } } } } } } } } } } }`;
    const result = await gql(t.url, deep, {}, t.adminToken);
    expect(errorCode(result)).toBe('QUERY_TOO_COMPLEX');
    expect(result.errors?.[0].message).toMatch(/levels deep; at most 10/);
    expect(await accountCount()).toBe(before);
  });

  it('refuses too many aliases and too costly pages', async () => {
    const aliases = `{ ${Array.from({ length: 31 }, (_, i) => `a${i}: me { username }`).join(' ')} }`;
    expect(errorCode(await gql(t.url, aliases, {}, t.adminToken))).toBe('QUERY_TOO_COMPLEX');
    const pages = '{ accounts(first: 500) { nodes { invoices(first: 500) { nodes { lines { amount description } } } } } }';
    const costly = await gql(t.url, pages, {}, t.adminToken);
    expect(errorCode(costly)).toBe('QUERY_TOO_COMPLEX');
    expect(costly.errors?.[0].message).toMatch(/budget is 25000/);
    // An ordinary screen's query is well within the budget.
    expect(
      errorCode(
        await gql(
          t.url,
          '{ accounts(first: 50) { nodes { number invoices(first: 10) { nodes { number total lines { amount } } } } } }',
          {},
          t.adminToken,
        ),
      ),
    ).toBeUndefined();
  });

  it('refuses batched requests, oversized bodies and requests a browser could forge', async () => {
    const batch = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${t.adminToken}` },
      body: JSON.stringify([{ query: '{ me { username } }' }, { query: '{ me { username } }' }]),
    });
    expect(batch.status).toBe(400);
    const huge = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${t.adminToken}` },
      body: JSON.stringify({ query: '{ me { username } }', variables: { pad: 'x'.repeat(6 * 1024 * 1024) } }),
    });
    expect(huge.status).toBe(413);
    // A simple cross-site form post (text/plain) is refused by CSRF prevention.
    const forged = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: '{"query":"mutation { login(username: \\"admin\\", password: \\"x\\") { token } }"}',
    });
    expect(forged.status).toBe(400);
  });
  it('throttles sign-in after five wrong passwords for a username, even with the right one', async () => {
    const login = (password: string) =>
      gql(t.url, 'mutation($p: String!) { login(username: "admin", password: $p) { token } }', { p: password });
    for (let i = 0; i < 5; i++) expect(errorCode(await login(`wrong-${i}`))).toBe('UNAUTHENTICATED');
    const throttled = await login('admin-password-for-tests');
    expect(errorCode(throttled)).toBe('RATE_LIMITED');
    expect(throttled.errors?.[0].message).toMatch(/Too many failed sign-ins/);
  });
});

describe('rate limits and sign-in', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub({ HUB_RATE_LIMIT_RPS: '1', HUB_RATE_LIMIT_BURST: '5', HUB_JWT_SECRET: JWT_SECRET });
  });
  afterAll(async () => t?.stop());

  it('answers RATE_LIMITED with a retry-after hint once a key has spent its burst, and other keys are unaffected', async () => {
    const key = await t.apiKey('INTEGRATOR');
    const other = await t.apiKey('INTEGRATOR');
    const results = [];
    for (let i = 0; i < 8; i++) results.push(await gql(t.url, '{ me { username } }', {}, key));
    const limited = results.filter((r) => errorCode(r) === 'RATE_LIMITED');
    expect(limited.length).toBeGreaterThanOrEqual(2);
    expect(limited[0].status).toBe(429);
    expect(limited[0].errors?.[0].extensions?.retryAfter).toBeGreaterThanOrEqual(1);
    const raw = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ query: '{ me { username } }' }),
    });
    expect(raw.status).toBe(429);
    expect(Number(raw.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(errorCode(await gql(t.url, '{ me { username } }', {}, other))).toBeUndefined();
  });

  it('refuses an expired token', async () => {
    const expired = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('1')
      .setIssuer('billing-hub')
      .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
      .sign(new TextEncoder().encode(JWT_SECRET));
    const result = await gql(t.url, '{ me { username } }', {}, expired);
    expect(errorCode(result)).toBe('UNAUTHENTICATED');
    expect(result.errors?.[0].message).toMatch(/expired/);
    expect(result.status).toBe(401);
  });
});

describe('in production', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub({ NODE_ENV: 'production' });
  });
  afterAll(async () => t?.stop());

  it('answers no introspection', async () => {
    const result = await gql(t.url, '{ __schema { types { name } } }', {}, t.adminToken);
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0].message).toMatch(/introspection/i);
  });
});

const onMariaDb = testDbKind() === 'mariadb' ? describe : describe.skip;

onMariaDb('rate limits shared through Redis', () => {
  let db: ScratchDatabase;
  let a: TestHub;
  let b: TestHub;
  beforeAll(async () => {
    db = await createScratchDatabase('mariadb');
    const env = {
      REDIS_URL: process.env.HUB_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
      HUB_RATE_LIMIT_RPS: '0.5',
      HUB_RATE_LIMIT_BURST: '4',
    };
    a = await startTestHub(env, db);
    b = await startTestHub(env, db);
  });
  afterAll(async () => {
    await b?.stop();
    await a?.stop();
    await db?.drop();
  });

  it('counts one key across every process of the deployment', async () => {
    const key = await a.apiKey('INTEGRATOR');
    const codes = [];
    for (let i = 0; i < 6; i++) codes.push(errorCode(await gql(i % 2 ? b.url : a.url, '{ me { username } }', {}, key)) ?? 'OK');
    expect(codes.slice(0, 3)).toEqual(['OK', 'OK', 'OK']);
    expect(codes.slice(4)).toEqual(['RATE_LIMITED', 'RATE_LIMITED']);
  });
});
