import { errorCode, gql, gqlOk, subscribe, wsClient, type GqlResult } from '../support/client';
import { startTestHub, type TestHub } from '../support/hub';

/**
 * Requests built to hold the hub's only thread, sent without credentials.
 * Each must be refused with QUERY_TOO_COMPLEX well under a second (asserted
 * with ten times that as headroom for a busy test machine), and another
 * client must be served while they are.
 */
const BOUND_MS = 10_000;

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub({ HUB_RATE_LIMIT_RPS: '0' });
});
afterAll(async () => t?.stop());

/** About 1 KB: each fragment spreads the next one twice, so the expanded query doubles per fragment. */
function fragmentChain(length: number): string {
  const fragments = Array.from({ length }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`);
  return `query { ...F0 } ${fragments.join(' ')} fragment F${length} on Query { me { username } }`;
}

const ATTACKS: Record<string, string> = {
  'a 1 KB chain of fragments each spreading the next twice': fragmentChain(30),
  'a 4.8 MB query of one field repeated (over the body limit)': `{ me { ${'username '.repeat(530_000)}} }`,
  'a 2.9 MB query of one field repeated': `{ me { ${'username '.repeat(320_000)}} }`,
  'a query of 10,001 fields': `{ ${Array.from({ length: 10_001 }, (_, i) => `f${i}: me { username }`).join(' ')} }`,
  'a query nested 5,000 levels deep': `{ ${'me { '.repeat(5_000)}username${' }'.repeat(5_000)} }`,
  'a list literal nested 5,000 levels deep': `{ events(types: ${'['.repeat(5_000)}${']'.repeat(5_000)}) { totalCount } }`,
  'one field asked for four times': '{ me { username username username username } }',
};

async function timed(query: string): Promise<{ result: GqlResult; ms: number }> {
  const started = Date.now();
  const result = await gql(t.url, query);
  return { result, ms: Date.now() - started };
}

describe('documents built to exhaust the hub', () => {
  it.each(Object.entries(ATTACKS))('refuses %s with QUERY_TOO_COMPLEX, at once', async (_name, query) => {
    const { result, ms } = await timed(query);
    const status = query.length > 3 * 1024 * 1024 ? 413 : 400;
    expect({ status: result.status, code: errorCode(result) }).toEqual({ status, code: 'QUERY_TOO_COMPLEX' });
    expect(result.errors?.[0].message).toMatch(/at most|ask for each field once|larger than 3 MB/);
    expect(ms).toBeLessThan(BOUND_MS);
  });

  it('keeps serving another client while four of each arrive at once', async () => {
    const attacks = Object.values(ATTACKS).flatMap((query) => Array.from({ length: 4 }, () => timed(query)));
    const others = (async () => {
      const started = Date.now();
      const health = await fetch(`${t.url}/healthz`);
      const me = await gqlOk(t.url, '{ me { username } }', {}, t.adminToken);
      return { health: health.status, username: me.me.username, ms: Date.now() - started };
    })();
    const results = await Promise.all(attacks);
    expect(new Set(results.map(({ result }) => errorCode(result)))).toEqual(new Set(['QUERY_TOO_COMPLEX']));
    expect(Math.max(...results.map(({ ms }) => ms))).toBeLessThan(BOUND_MS);
    const other = await others;
    expect(other).toEqual({ health: 200, username: 'admin', ms: expect.any(Number) });
    expect(other.ms).toBeLessThan(BOUND_MS);
  });

  it('refuses the same documents over WebSocket on their own operation, and the socket stays open', async () => {
    const closed: number[] = [];
    const client = wsClient(t.url, t.adminToken, { onClose: (code) => closed.push(code) });
    try {
      for (const query of [fragmentChain(30), `subscription { ${'events { '.repeat(3_000)} }`]) {
        const sub = subscribe(client, query);
        await sub.done;
        expect(sub.errors).toEqual([[expect.objectContaining({ extensions: { code: 'QUERY_TOO_COMPLEX' } })]]);
      }
      const ok = subscribe(client, '{ me { username } }');
      await ok.done;
      expect(ok.values).toEqual([{ me: { username: 'admin' } }]);
      expect(closed).toEqual([]);
    } finally {
      await client.dispose();
    }
  });

  it('still serves legitimate documents: fragments used several times, a page of 500', async () => {
    const query = `query {
      accounts(first: 500) { nodes { ...A } }
      again: accounts(first: 1) { nodes { ...A } }
    }
    fragment A on Account { id number ...B }
    fragment B on Account { name segment }`;
    const result = await gql(t.url, query, {}, t.adminToken);
    expect(result.errors).toBeUndefined();
  });
});

describe('request bodies', () => {
  it('refuses a body over 3 MB with QUERY_TOO_COMPLEX as GraphQL JSON, before parsing it', async () => {
    const res = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ me { username } }', variables: { pad: 'x'.repeat(3 * 1024 * 1024) } }),
    });
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const body = (await res.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
    expect(body.errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
    expect(body.errors[0].message).toMatch(/larger than 3 MB/);
  });
});
