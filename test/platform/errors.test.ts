import { errorCode, gql, gqlOk } from '../support/client';
import { startTestHub, type TestHub } from '../support/hub';

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(async () => t?.stop());

/** The raw HTTP answer, to check what a client could read in it. */
async function postRaw(query: string, variables: Record<string, unknown> = {}, token?: string) {
  const res = await fetch(`${t.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const text = await res.text();
  return {
    status: res.status,
    text,
    body: JSON.parse(text) as { data?: unknown; errors?: Array<{ message: string; extensions?: { code?: string } }> },
  };
}

describe('requests the client got wrong', () => {
  it('answers a query that does not parse with BAD_USER_INPUT', async () => {
    const result = await gql(t.url, '{ me { username ', {}, t.adminToken);
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0].message).toMatch(/Syntax Error/);
  });

  it('answers a field that does not exist with BAD_USER_INPUT', async () => {
    const result = await gql(t.url, '{ me { shoeSize } }', {}, t.adminToken);
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0].message).toMatch(/shoeSize/);
  });

  it('answers a literal of the wrong type with BAD_USER_INPUT', async () => {
    const result = await gql(t.url, '{ events(first: "x") { totalCount } }', {}, t.adminToken);
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0].message).toMatch(/Int/);
    const enumValue = await gql(t.url, '{ events(types: [NOT_AN_EVENT]) { totalCount } }', {}, t.adminToken);
    expect(errorCode(enumValue)).toBe('BAD_USER_INPUT');
  });

  it('answers a malformed custom scalar with BAD_USER_INPUT saying what is wrong, as a literal or a variable', async () => {
    const literal = await gql(t.url, '{ availableProducts(on: "2026-02-30") { id } }', {}, t.adminToken);
    expect(errorCode(literal)).toBe('BAD_USER_INPUT');
    expect(literal.errors?.[0].message).toMatch(/2026-02-30.*YYYY-MM-DD/);
    const variable = await gql(t.url, 'query($on: Date) { availableProducts(on: $on) { id } }', { on: '15/01/2026' }, t.adminToken);
    expect(errorCode(variable)).toBe('BAD_USER_INPUT');
    expect(variable.errors?.[0].message).toMatch(/15\/01\/2026/);
  });

  it('answers a variable of the wrong type with BAD_USER_INPUT and names the variable', async () => {
    const result = await gql(t.url, 'query($first: Int) { events(first: $first) { totalCount } }', { first: 'x' }, t.adminToken);
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0].message).toMatch(/\$first/);
    const missing = await gql(t.url, 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }', { u: 'admin' });
    expect(errorCode(missing)).toBe('BAD_USER_INPUT');
    expect(missing.errors?.[0].message).toMatch(/\$p/);
  });

  it('answers argument values the hub refuses with BAD_USER_INPUT and a message saying what to fix', async () => {
    const page = await gql(t.url, '{ events(first: 0) { totalCount } }', {}, t.adminToken);
    expect(errorCode(page)).toBe('BAD_USER_INPUT');
    expect(page.errors?.[0].message).toMatch(/first/);
    const cursor = await gql(t.url, '{ auditLog(after: "not-a-cursor") { totalCount } }', {}, t.adminToken);
    expect(errorCode(cursor)).toBe('BAD_USER_INPUT');
    expect(cursor.errors?.[0].message).toMatch(/not-a-cursor/);
    const eventId = await gql(t.url, '{ events(after: "-1") { totalCount } }', {}, t.adminToken);
    expect(errorCode(eventId)).toBe('BAD_USER_INPUT');
    // A cursor past the newest event would skip every event up to it without a word.
    const newest =
      (await gqlOk(t.url, '{ events(first: 500) { pageInfo { endCursor } } }', {}, t.adminToken)).events.pageInfo.endCursor ?? '0';
    const ahead = await gql(t.url, '{ events(after: "500000") { totalCount pageInfo { endCursor } } }', {}, t.adminToken);
    expect(errorCode(ahead)).toBe('BAD_USER_INPUT');
    expect(ahead.errors?.[0].message).toMatch(/^after 500000 is past the newest event, \d+: give the id of the last event read/);
    expect(Number(/newest event, (\d+)/.exec(ahead.errors![0].message)![1])).toBeGreaterThanOrEqual(Number(newest));
    expect(errorCode(await gql(t.url, `{ events(after: "${newest}") { totalCount } }`, {}, t.adminToken))).toBeUndefined();
  });
});

// Last in this file: it breaks the hub's database on purpose.
describe('a failure inside the hub', () => {
  it('is masked as INTERNAL_SERVER_ERROR, with nothing of the database in the answer, and logged for the operator', async () => {
    const logged: unknown[] = [];
    const spy = jest.spyOn(t.hub.log, 'error').mockImplementation((_message, error) => void logged.push(error));
    try {
      await t.hub.db.manager.query('DROP TABLE audit_entry');
      const { status, text, body } = await postRaw('{ auditLog { totalCount nodes { id } } }', {}, t.adminToken);

      expect(status).toBe(200);
      expect(body.errors).toHaveLength(1);
      expect(body.errors?.[0].message).toBe('Internal server error');
      expect(body.errors?.[0].extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      expect(Object.keys(body.errors?.[0].extensions ?? {})).toEqual(['code']);
      const leaks = [
        /audit_entry/,
        /select/i,
        /\bfrom\b/i,
        /no such table/i,
        /doesn't exist/i,
        /sqlite/i,
        /\bER_[A-Z]/,
        /QueryFailed/,
        /stacktrace/i,
        /\s+at\s/,
        /\.[jt]s:\d/,
      ];
      for (const leak of leaks) expect({ leak: String(leak), found: leak.test(text) }).toEqual({ leak: String(leak), found: false });

      // The operator still learns what went wrong.
      expect(logged.map((e) => String(e instanceof Error ? e.message : e)).join('\n')).toMatch(/audit_entry/);
    } finally {
      spy.mockRestore();
    }
  });
});
