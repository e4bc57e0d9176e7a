import http from 'node:http';
import { errorCode, gql, gqlOk, type GqlResult } from '../support/client';
import { startTestHub, type TestHub } from '../support/hub';
import { TcpProxy } from '../support/tcp-proxy';

/**
 * Sign-in as an attacker would try it: look-alike spellings of a username,
 * many guesses at once, guesses to lock the real user out, a forged
 * X-Forwarded-For. Each test signs in from its own loopback address
 * (127.0.0.x: the whole 127/8 reaches the hub), as clients on other machines would.
 */
const LOGIN = 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token user { username } } }';

type LoginResult = GqlResult<{ login: { token: string; user: { username: string } } }>;

function post(url: string, from: string, body: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  const target = new URL(`${url}/graphql`);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: target.port,
        path: target.pathname,
        method: 'POST',
        localAddress: from,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function loginFrom(
  t: TestHub,
  from: string,
  username: string,
  password: string,
  headers: Record<string, string> = {},
): Promise<LoginResult> {
  const { status, text } = await post(t.url, from, JSON.stringify({ query: LOGIN, variables: { u: username, p: password } }), headers);
  return { ...(JSON.parse(text) as Omit<LoginResult, 'status'>), status };
}

async function createUser(t: TestHub, username: string, password: string): Promise<string> {
  const data = await gqlOk(
    t.url,
    'mutation($i: CreateUserInput!) { createUser(input: $i) { username } }',
    { i: { username, displayName: username, password, role: 'OPERATOR' } },
    t.adminToken,
  );
  return data.createUser.username;
}

describe('usernames', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(async () => t?.stop());

  it('are one user whatever the spelling: stored normalised, no look-alike can be created, every spelling signs in as it', async () => {
    expect(await createUser(t, 'Olga.Ops', 'olga-password-1')).toBe('olga.ops');
    for (const lookAlike of ['olga.ops', 'OLGA.OPS', 'ＯＬＧＡ.ops', 'ol\u200bga.ops', '\ufeffolga.ops']) {
      const again = await gql(
        t.url,
        'mutation($i: CreateUserInput!) { createUser(input: $i) { id } }',
        { i: { username: lookAlike, displayName: 'Impostor', password: 'impostor-password', role: 'ADMIN' } },
        t.adminToken,
      );
      expect({ lookAlike, code: errorCode(again), message: again.errors?.[0].message }).toEqual({
        lookAlike,
        code: 'CONFLICT',
        message: 'A user named "olga.ops" already exists',
      });
    }
    for (const spelling of ['Olga.Ops', 'ｏｌｇａ.ｏｐｓ', 'olga.\u200dops']) {
      const login = await loginFrom(t, '127.0.0.10', spelling, 'olga-password-1');
      expect({ spelling, user: login.data?.login.user.username }).toEqual({ spelling, user: 'olga.ops' });
    }
    // An accented spelling is another name, and no user has it: it does not sign in as olga.ops.
    const accented = await loginFrom(t, '127.0.0.10', 'ölga.ops', 'olga-password-1');
    expect(errorCode(accented)).toBe('UNAUTHENTICATED');
    // Names that are not letters, digits and _.@- once normalised are refused with the rule.
    const bad = await gql(
      t.url,
      'mutation($i: CreateUserInput!) { createUser(input: $i) { id } }',
      { i: { username: 'ölga', displayName: 'Ölga', password: 'a-long-password', role: 'OPERATOR' } },
      t.adminToken,
    );
    expect(errorCode(bad)).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0].message).toMatch(/may use letters, digits and _.@- only/);
  });
});

describe('the sign-in throttle', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(async () => t?.stop());

  it('counts every spelling of a username against one throttle, and then refuses even the right password with RATE_LIMITED', async () => {
    await createUser(t, 'pat', 'pat-password-1');
    const spellings = ['pat', 'PAT', 'ｐａｔ', 'p\u200bat', 'Ｐat'];
    for (const [i, spelling] of spellings.entries()) {
      const wrong = await loginFrom(t, '127.0.0.11', spelling, `guess-${i}`);
      expect({ spelling, code: errorCode(wrong) }).toEqual({ spelling, code: 'UNAUTHENTICATED' });
    }
    const refused = await loginFrom(t, '127.0.0.11', 'pA\u2060T', 'pat-password-1');
    expect(errorCode(refused)).toBe('RATE_LIMITED');
    expect(refused.status).toBe(429);
    expect(refused.errors?.[0].message).toMatch(/^Too many failed sign-ins for pat from this address; retry in \d+ s$/);
    expect(refused.errors?.[0].extensions?.retryAfter).toBeGreaterThan(0);
  });

  it('lets the user sign in from another address while an attacker is throttled for guessing their password', async () => {
    await createUser(t, 'quinn', 'quinn-password-1');
    for (let i = 0; i < 5; i++) expect(errorCode(await loginFrom(t, '127.0.0.21', 'quinn', `guess-${i}`))).toBe('UNAUTHENTICATED');
    for (let i = 0; i < 3; i++) expect(errorCode(await loginFrom(t, '127.0.0.21', 'quinn', `guess-more-${i}`))).toBe('RATE_LIMITED');
    const user = await loginFrom(t, '127.0.0.22', 'quinn', 'quinn-password-1');
    expect(user.errors).toBeUndefined();
    expect(user.data?.login.user.username).toBe('quinn');
    // The attacker's address stays throttled, right password or not.
    expect(errorCode(await loginFrom(t, '127.0.0.21', 'quinn', 'quinn-password-1'))).toBe('RATE_LIMITED');
  });

  it('lets attempts sent at once check no more passwords than attempts sent one by one', async () => {
    await createUser(t, 'rene', 'rene-password-1');
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => loginFrom(t, '127.0.0.31', 'rene', `guess-${i}`)));
    const codes = results.map((r) => errorCode(r));
    expect(codes.filter((c) => c === 'UNAUTHENTICATED')).toHaveLength(5);
    expect(codes.filter((c) => c === 'RATE_LIMITED')).toHaveLength(15);
  });

  it('limits one address across usernames, without touching other addresses', async () => {
    await createUser(t, 'sam', 'sam-password-1');
    for (let i = 0; i < 20; i++) expect(errorCode(await loginFrom(t, '127.0.0.41', `nobody-${i}`, 'guess'))).toBe('UNAUTHENTICATED');
    const sprayed = await loginFrom(t, '127.0.0.41', 'sam', 'sam-password-1');
    expect(errorCode(sprayed)).toBe('RATE_LIMITED');
    expect(sprayed.errors?.[0].message).toMatch(/^Too many failed sign-ins from this address; retry in \d+ s$/);
    expect((await loginFrom(t, '127.0.0.42', 'sam', 'sam-password-1')).data?.login.user.username).toBe('sam');
  });

  it('forgets a username’s failures from an address once the right password is given there', async () => {
    await createUser(t, 'tove', 'tove-password-1');
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 4; i++) expect(errorCode(await loginFrom(t, '127.0.0.51', 'tove', `typo-${round}-${i}`))).toBe('UNAUTHENTICATED');
      const ok = await loginFrom(t, '127.0.0.51', 'tove', 'tove-password-1');
      expect({ round, errors: ok.errors }).toEqual({ round, errors: undefined });
    }
  });

  it('believes no X-Forwarded-For by default: a client cannot pose as many addresses', async () => {
    await createUser(t, 'uma', 'uma-password-1');
    for (let i = 0; i < 5; i++) {
      const forged = { 'x-forwarded-for': `203.0.113.${i + 1}` };
      expect(errorCode(await loginFrom(t, '127.0.0.61', 'uma', `guess-${i}`, forged))).toBe('UNAUTHENTICATED');
    }
    expect(errorCode(await loginFrom(t, '127.0.0.61', 'uma', 'guess-5', { 'x-forwarded-for': '203.0.113.99' }))).toBe('RATE_LIMITED');
  });
});

describe('behind a trusted proxy (HUB_TRUST_PROXY)', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub({ HUB_TRUST_PROXY: '127.0.0.71' });
  });
  afterAll(async () => t?.stop());

  it('takes the client address the proxy forwards, and only from that proxy', async () => {
    await createUser(t, 'vera', 'vera-password-1');
    const via = (client: string) => ({ 'x-forwarded-for': client });
    for (let i = 0; i < 5; i++)
      expect(errorCode(await loginFrom(t, '127.0.0.71', 'vera', `guess-${i}`, via('203.0.113.5')))).toBe('UNAUTHENTICATED');
    expect(errorCode(await loginFrom(t, '127.0.0.71', 'vera', 'vera-password-1', via('203.0.113.5')))).toBe('RATE_LIMITED');
    // The same proxy, another client: not locked out.
    const user = await loginFrom(t, '127.0.0.71', 'vera', 'vera-password-1', via('198.51.100.7'));
    expect(user.data?.login.user.username).toBe('vera');
    // A client that is not the proxy cannot choose its address with the header.
    for (let i = 0; i < 5; i++)
      expect(errorCode(await loginFrom(t, '127.0.0.72', 'vera', `guess-${i}`, via(`192.0.2.${i}`)))).toBe('UNAUTHENTICATED');
    expect(errorCode(await loginFrom(t, '127.0.0.72', 'vera', 'guess-5', via('192.0.2.200')))).toBe('RATE_LIMITED');
  });
});

describe('while Redis, which keeps the counts of a deployment, is away', () => {
  const redis = new URL(process.env.HUB_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379');
  let proxy: TcpProxy;
  let t: TestHub;
  beforeAll(async () => {
    proxy = new TcpProxy(redis.hostname, Number(redis.port || 6379));
    const port = await proxy.start();
    t = await startTestHub({ REDIS_URL: `redis://127.0.0.1:${port}` });
  });
  afterAll(async () => {
    proxy?.restore();
    await t?.stop();
    await proxy?.stop();
  });

  it('still throttles guessing, counting in the process', async () => {
    await createUser(t, 'wren', 'wren-password-1');
    proxy.cut();
    for (let i = 0; i < 5; i++) expect(errorCode(await loginFrom(t, '127.0.0.81', 'wren', `guess-${i}`))).toBe('UNAUTHENTICATED');
    expect(errorCode(await loginFrom(t, '127.0.0.81', 'wren', 'wren-password-1'))).toBe('RATE_LIMITED');
    expect((await loginFrom(t, '127.0.0.82', 'wren', 'wren-password-1')).data?.login.user.username).toBe('wren');
    proxy.restore();
  });
});
