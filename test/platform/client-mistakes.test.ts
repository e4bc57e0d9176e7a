import { createHash } from 'node:crypto';
import { connect } from 'node:net';
import { gzipSync } from 'node:zlib';
import { getNamedType, isNonNullType, type GraphQLField } from 'graphql';
import { getSchema } from '../../server/src/app/schema';
import { errorCode, gql } from '../support/client';
import { account } from '../support/factories';
import { startTestHub, type TestHub } from '../support/hub';

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub({ HUB_RATE_LIMIT_RPS: '0' });
});
afterAll(async () => t?.stop());

interface Answer {
  status: number;
  type: string | null;
  text: string;
  errors: Array<{ message: string; extensions?: { code?: string } }>;
}

async function post(body: string | Buffer, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(`${t.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const text = await res.text();
  let errors: Answer['errors'] = [];
  try {
    errors = (JSON.parse(text) as { errors?: Answer['errors'] }).errors ?? [];
  } catch {
    // Not JSON: the assertions below say so.
  }
  return { status: res.status, type: res.headers.get('content-type'), text, errors };
}

/** What an answer must never carry: express's HTML page, a stack trace, the server's file paths. */
function expectCleanJson(answer: Answer): void {
  expect(answer.type).toMatch(/^application\/json/);
  expect(answer.text).not.toMatch(/<html|<pre>|\s+at\s|node_modules|\/work\/|\.[jt]s:\d/i);
}

describe('bodies the hub cannot read', () => {
  it.each([
    ['malformed JSON', '{"query": "{ me { username } }"', {}, 400, /not valid JSON/],
    ['a JSON string instead of an object', '"{ me { username } }"', {}, 400, /not valid JSON/],
    [
      'a charset the hub does not read',
      '{"query":"{ me { username } }"}',
      { 'content-type': 'application/json; charset=ebcdic' },
      415,
      /UTF-8/,
    ],
    ['an unknown content-encoding', '{"query":"{ me { username } }"}', { 'content-encoding': 'compress' }, 415, /content-encoding/],
    [
      'gzip that is not gzip',
      'definitely not gzip',
      { 'content-encoding': 'gzip' },
      400,
      /^The body does not decode as gzip, as its content-encoding says/,
    ],
    [
      'deflate that is not deflate',
      'definitely not deflate',
      { 'content-encoding': 'Deflate' },
      400,
      /^The body does not decode as deflate,/,
    ],
    ['br that is not br', 'definitely not brotli', { 'content-encoding': 'br' }, 400, /^The body does not decode as br,/],
    ['gzip cut short', gzipSync('{"query":"{ me { username } }"}').subarray(0, 20), { 'content-encoding': 'gzip' }, 400, /decode as gzip/],
  ] as const)('answers %s with BAD_USER_INPUT as GraphQL JSON', async (_name, body, headers, status, message) => {
    const answer = await post(body, headers);
    expect(answer.status).toBe(status);
    expectCleanJson(answer);
    expect(answer.errors).toEqual([{ message: expect.stringMatching(message), extensions: { code: 'BAD_USER_INPUT' } }]);
  });
});

describe('a body that is not the UTF-8 it claims to be', () => {
  it('refuses Latin-1 text with BAD_USER_INPUT and stores nothing, rather than a product named "caf\uFFFD"', async () => {
    const mutation = 'mutation($i: CreateProductInput!) { createProduct(input: $i) { id name } }';
    const json = JSON.stringify({
      query: mutation,
      variables: { i: { code: 'LATIN1', name: 'café plan', unit: 'kWh', fixedCharge: '1.00' } },
    });
    // The é as a Latin-1 client sends it: one byte, 0xE9, which is not UTF-8.
    const answer = await post(Buffer.from(json, 'latin1'), { authorization: `Bearer ${t.adminToken}` });
    expect(answer.status).toBe(400);
    expectCleanJson(answer);
    expect(answer.errors).toEqual([{ message: expect.stringMatching(/not valid UTF-8/), extensions: { code: 'BAD_USER_INPUT' } }]);
    const product = await gql(t.url, '{ product(code: "LATIN1") { id } }', {}, t.adminToken);
    expect(product.data).toEqual({ product: null });

    // The same text in UTF-8 is taken as it is.
    const made = await post(Buffer.from(json, 'utf8'), { authorization: `Bearer ${t.adminToken}` });
    expect(JSON.parse(made.text)).toEqual({ data: { createProduct: { id: expect.any(String), name: 'café plan' } } });
  });
});

describe('a path the hub cannot decode', () => {
  it('answers a dialer file named with a Latin-1 byte or a stray % with BAD_USER_INPUT, not an internal error', async () => {
    for (const name of ['%E9.csv', '%ZZ.csv']) {
      const res = await fetch(`${t.url}/exports/dialer/${name}`, { headers: { authorization: `Bearer ${t.adminToken}` } });
      const answer: Answer = { status: res.status, type: res.headers.get('content-type'), text: await res.text(), errors: [] };
      expect({ name, status: answer.status }).toEqual({ name, status: 400 });
      expectCleanJson(answer);
      expect(JSON.parse(answer.text)).toEqual({
        errors: [{ message: expect.stringMatching(/not valid percent-encoded UTF-8/), extensions: { code: 'BAD_USER_INPUT' } }],
      });
    }
  });
});

describe('credentials over HTTP', () => {
  it('answers UNAUTHENTICATED with 401 and WWW-Authenticate: Bearer, with no credentials as with bad ones', async () => {
    const none = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ me { username } }' }),
    });
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(((await none.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const bad = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer hub_not-a-key' },
      body: JSON.stringify({ query: '{ me { username } }' }),
    });
    expect(bad.status).toBe(401);
    expect(bad.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const wrongPassword = await gql(t.url, 'mutation { login(username: "nobody", password: "wrong-password") { token } }');
    expect({ status: wrongPassword.status, code: errorCode(wrongPassword) }).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
    // Signed in, the same request is answered normally.
    expect((await gql(t.url, '{ me { username } }', {}, t.adminToken)).status).toBe(200);
  });
});

describe('requests the HTTP parser refuses', () => {
  it('answers headers over the limit with 431 as GraphQL JSON saying what to cut, and the next request normally', async () => {
    const answer = await post('{"query":"{ me { username } }"}', { authorization: `Bearer ${'x'.repeat(20_000)}` });
    expect(answer.status).toBe(431);
    expectCleanJson(answer);
    expect(answer.errors).toEqual([
      {
        message: expect.stringMatching(/^The request's headers are larger than 16 KB; send the API key/),
        extensions: { code: 'BAD_USER_INPUT' },
      },
    ]);
    expect((await gql(t.url, '{ me { username } }', {}, t.adminToken)).status).toBe(200);
  });

  /** What the hub sends back on one connection for these bytes, until it closes the connection. */
  async function exchange(bytes: string): Promise<string> {
    const { port } = new URL(t.url);
    return new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => socket.write(bytes));
      let got = '';
      socket.on('data', (chunk) => (got += chunk.toString()));
      socket.on('close', () => resolve(got));
      socket.on('error', reject);
    });
  }

  it('answers a request that is not HTTP with 400 as GraphQL JSON', async () => {
    const text = await exchange('HELLO THERE\r\n\r\n');
    const [head, body] = text.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 400 Bad Request\r\nContent-Type: application\/json/);
    expect(JSON.parse(body)).toEqual({
      errors: [{ message: 'The request is not valid HTTP/1.1', extensions: { code: 'BAD_USER_INPUT' } }],
    });
  });

  it('answers a request followed by bytes that are not HTTP with its own answer only, then closes', async () => {
    const body = JSON.stringify({ query: '{ me { username } }' });
    const request = [
      'POST /graphql HTTP/1.1',
      'Host: 127.0.0.1',
      'Content-Type: application/json',
      `Authorization: Bearer ${t.adminToken}`,
      `Content-Length: ${Buffer.byteLength(body)}`,
    ].join('\r\n');
    const text = await exchange(`${request}\r\n\r\n${body}NOT HTTP AT ALL\r\n\r\n`);
    expect(text).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(text).toMatch(/\r\nConnection: close\r\n/i);
    expect(text).toContain('"username":"admin"');
    expect(text).not.toContain('BAD_USER_INPUT');
    expect(text.match(/HTTP\/1\.1 /g)).toHaveLength(1);
  });
});

describe('operations sent the wrong way', () => {
  it('answers a subscription sent over HTTP with BAD_USER_INPUT pointing to the WebSocket', async () => {
    const result = await gql(t.url, 'subscription { events { id } }', {}, t.adminToken);
    expect({ status: result.status, code: errorCode(result) }).toEqual({ status: 400, code: 'BAD_USER_INPUT' });
    expect(result.errors?.[0].message).toMatch(/WebSocket/);
  });

  it('speaks the persisted-query protocol Apollo clients expect', async () => {
    const query = '{ me { username } }';
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const auth = { authorization: `Bearer ${t.adminToken}` };
    const miss = await post(JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash } } }), auth);
    expect(miss.errors[0].extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const mismatch = await post(
      JSON.stringify({ query, extensions: { persistedQuery: { version: 1, sha256Hash: 'ab'.repeat(32) } } }),
      auth,
    );
    expect(mismatch.status).toBe(400);
    expect(mismatch.errors).toEqual([{ message: expect.stringMatching(/SHA-256 of the query/), extensions: { code: 'BAD_USER_INPUT' } }]);
    const version = await post(JSON.stringify({ query, extensions: { persistedQuery: { version: 2, sha256Hash } } }), auth);
    expect(version.errors).toEqual([{ message: expect.stringMatching(/version must be 1/), extensions: { code: 'BAD_USER_INPUT' } }]);
    // Registered with its query, then sent by hash alone.
    expect((await post(JSON.stringify({ query, extensions: { persistedQuery: { version: 1, sha256Hash } } }), auth)).errors).toEqual([]);
    const hit = await post(JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash } } }), auth);
    expect(JSON.parse(hit.text)).toEqual({ data: { me: { username: 'admin' } } });
  });
});

describe('arguments the client got wrong', () => {
  it('refuses an update that changes nothing, and changes nothing', async () => {
    const a = await account(t);
    for (const [mutation, vars] of [
      ['mutation($id: ID!) { updateAccount(id: $id, input: {}) { id } }', { id: a.id }],
      ['mutation($id: ID!) { updateProduct(id: $id, expectedVersion: 1, input: {}) { id } }', { id: '1' }],
    ] as const) {
      const result = await gql(t.url, mutation, vars, t.adminToken);
      expect(errorCode(result)).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0].message).toMatch(/Nothing to update/);
    }
  });

  it('refuses an empty or malformed id in every argument that takes one, before it reaches the database', async () => {
    const schema = await getSchema();
    const roots = [
      ['query', schema.getQueryType()],
      ['mutation', schema.getMutationType()],
    ] as const;
    const sample: Record<string, unknown> = { String: 'x', Int: 1, Boolean: true, Date: '2026-01-01', Money: '1.00', Decimal: '1' };
    const checked: string[] = [];
    const problems: string[] = [];
    for (const [kind, type] of roots) {
      for (const field of Object.values(type?.getFields() ?? {}) as Array<GraphQLField<unknown, unknown>>) {
        const ids = field.args.filter((arg) => getNamedType(arg.type).name === 'ID');
        const required = field.args.filter((arg) => isNonNullType(arg.type) && getNamedType(arg.type).name !== 'ID');
        if (ids.length === 0 || required.some((arg) => !(getNamedType(arg.type).name in sample))) continue;
        for (const id of ids) {
          for (const bad of ['', 'abc', '1 OR 1=1', '-1', '1e3', '99999999999999999999']) {
            const args = [...ids.map((arg) => `${arg.name}: ${JSON.stringify(arg === id ? bad : '1')}`)];
            for (const arg of required) args.push(`${arg.name}: ${JSON.stringify(sample[getNamedType(arg.type).name])}`);
            const hasFields = 'getFields' in getNamedType(field.type);
            const query = `${kind} { ${field.name}(${args.join(', ')}) ${hasFields ? '{ __typename }' : ''} }`;
            const result = await gql(t.url, query, {}, t.adminToken);
            const code = errorCode(result);
            if (code !== 'BAD_USER_INPUT' || !result.errors?.[0].message.includes(id.name)) {
              problems.push(`${field.name}(${id.name}: ${JSON.stringify(bad)}): ${code} ${result.errors?.[0].message}`);
            }
          }
          checked.push(`${field.name}.${id.name}`);
        }
      }
    }
    // An id inside an input object is checked the same way.
    const plan = await gql(
      t.url,
      'mutation { createPaymentPlan(input: { accountId: "", installments: 3, firstDueDate: "2026-12-01" }) { id } }',
      {},
      t.adminToken,
    );
    if (errorCode(plan) !== 'BAD_USER_INPUT' || !plan.errors?.[0].message.includes('input.accountId')) {
      problems.push(`createPaymentPlan(input.accountId: ""): ${errorCode(plan)} ${plan.errors?.[0].message}`);
    }
    expect(problems).toEqual([]);
    expect(checked).toEqual(
      expect.arrayContaining(['assignCollectionsPath.pathId', 'assignCollectionsPath.accountId', 'invoice.id', 'claimWorkItem.id']),
    );
  });
});
