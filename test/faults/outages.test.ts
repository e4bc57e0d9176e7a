import { errorCode, gql, gqlOk, subscribe, wsClient } from '../support/client';
import { createScratchDatabase, MYSQL_ADMIN_URL, testDbKind, type ScratchDatabase } from '../support/databases';
import { startTestHub, type TestHub } from '../support/hub';
import { TcpProxy } from '../support/tcp-proxy';
import { eventually } from '../support/wait';

const onMariaDb = testDbKind() === 'mariadb' ? describe : describe.skip;
const REDIS = new URL(process.env.HUB_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379');

let productCount = 0;
const createProduct = (t: TestHub) =>
  gql(
    t.url,
    'mutation($input: CreateProductInput!) { createProduct(input: $input) { id code } }',
    { input: { code: `OUTAGE-${++productCount}`, name: 'Outage test', unit: 'kWh', fixedCharge: '1.00' } },
    t.adminToken,
  );

onMariaDb('the database goes away while the hub runs', () => {
  let db: ScratchDatabase;
  let proxy: TcpProxy;
  let t: TestHub;

  beforeAll(async () => {
    db = await createScratchDatabase('mariadb');
    const target = new URL(MYSQL_ADMIN_URL);
    proxy = new TcpProxy(target.hostname, Number(target.port || 3306));
    const port = await proxy.start();
    const viaProxy = new URL(db.url);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(port);
    t = await startTestHub({ DATABASE_URL: viaProxy.toString() }, { ...db, url: viaProxy.toString() });
  });
  afterAll(async () => {
    proxy?.restore();
    await t?.stop();
    await proxy?.stop();
    await db?.drop();
  });

  it('answers with a clear error during the outage and serves again after it, without a restart', async () => {
    expect(errorCode(await createProduct(t))).toBeUndefined();
    proxy.cut();
    const during = await createProduct(t);
    expect(errorCode(during)).toBe('INTERNAL_SERVER_ERROR');
    expect(during.errors?.[0].message).toBe('The database is unavailable; try again shortly');
    expect(JSON.stringify(during)).not.toMatch(/ECONN|mysql|SELECT|INSERT/i);
    expect((await fetch(`${t.url}/healthz`)).status).toBe(503);

    proxy.restore();
    await eventually('the hub to reach the database again', async () => (await fetch(`${t.url}/healthz`)).status === 200);
    const after = await eventually('a change to succeed again', async () => {
      const result = await createProduct(t);
      return result.errors ? undefined : result;
    });
    expect(after.data).toBeTruthy();
    // The event relay lost its connection too, and picks up where it left off.
    await eventually('the events of the changes to be numbered', async () => {
      const events = await gqlOk(t.url, '{ events(types: [PRODUCT_CHANGED]) { totalCount nodes { id } } }', {}, t.adminToken);
      const ids = events.events.nodes.map((n: { id: string }) => Number(n.id));
      return events.events.totalCount >= 2 && ids.every((id: number, i: number) => id === i + 1) ? true : undefined;
    });
  });
});

onMariaDb('a network partition between the hub and the database', () => {
  let db: ScratchDatabase;
  let proxy: TcpProxy;
  let t: TestHub;

  beforeAll(async () => {
    db = await createScratchDatabase('mariadb');
    const target = new URL(MYSQL_ADMIN_URL);
    proxy = new TcpProxy(target.hostname, Number(target.port || 3306));
    const port = await proxy.start();
    const viaProxy = new URL(db.url);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(port);
    t = await startTestHub({ DATABASE_URL: viaProxy.toString() }, { ...db, url: viaProxy.toString() });
  });
  afterAll(async () => {
    proxy?.restore();
    await t?.stop();
    await proxy?.stop();
    await db?.drop();
  });

  const timed = async <T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> => {
    const started = Date.now();
    const value = await work();
    return { value, ms: Date.now() - started };
  };

  it('tells callers the database is unavailable within seconds, not for as long as the partition lasts', async () => {
    expect(errorCode(await createProduct(t))).toBeUndefined();
    // Packets stop arriving: no reset, no refusal. The partition outlasts every answer below.
    proxy.partition();
    const [change, read, health] = await Promise.all([
      timed(() => createProduct(t)),
      timed(() => gql(t.url, '{ products { totalCount } }', {}, t.adminToken)),
      timed(() => fetch(`${t.url}/healthz`)),
    ]);
    for (const answer of [change, read]) {
      expect(errorCode(answer.value)).toBe('INTERNAL_SERVER_ERROR');
      expect(answer.value.errors?.[0].message).toBe('The database is unavailable; try again shortly');
      // Connect and statement timeouts are 5 and 10 s; the partition would otherwise hold the request until it ends.
      expect(answer.ms).toBeLessThan(25_000);
    }
    expect(health.value.status).toBe(503);
    expect(health.ms).toBeLessThan(5_000);
    // Still partitioned: a later request, on connections opened during the partition, fails as quickly.
    const again = await timed(() => createProduct(t));
    expect(errorCode(again.value)).toBe('INTERNAL_SERVER_ERROR');
    expect(again.ms).toBeLessThan(25_000);

    proxy.restore();
    await eventually('the hub to reach the database again', async () => (await fetch(`${t.url}/healthz`)).status === 200, {
      timeoutMs: 30_000,
    });
    await eventually(
      'a change to succeed again',
      async () => {
        const result = await createProduct(t);
        return result.errors ? undefined : result;
      },
      { timeoutMs: 30_000 },
    );
    // The changes refused during the partition were not made; the ones that succeeded were, once each.
    const products = await gqlOk(t.url, '{ products { totalCount } }', {}, t.adminToken);
    expect(products.products.totalCount).toBe(2);
  }, 120_000);
});

describe('Redis goes away while the hub runs with REDIS_URL', () => {
  let proxy: TcpProxy;
  let t: TestHub;

  beforeAll(async () => {
    proxy = new TcpProxy(REDIS.hostname, Number(REDIS.port || 6379));
    const port = await proxy.start();
    t = await startTestHub({ REDIS_URL: `redis://127.0.0.1:${port}` });
  });
  afterAll(async () => {
    proxy?.restore();
    await t?.stop();
    await proxy?.stop();
  });

  it('keeps serving the API, and subscribers get every event in order once it is back', async () => {
    const client = wsClient(t.url, t.adminToken);
    const feed = subscribe(client, 'subscription { events(after: "0", types: [PRODUCT_CHANGED]) { id payload } }');
    expect(errorCode(await createProduct(t))).toBeUndefined();
    await feed.waitFor(1);

    proxy.cut();
    for (let i = 0; i < 5; i++) expect(errorCode(await createProduct(t))).toBeUndefined();
    expect((await gqlOk(t.url, '{ products { totalCount } }', {}, t.adminToken)).products.totalCount).toBe(6);

    proxy.restore();
    const received = await feed.waitFor(6, 20_000);
    expect(received.map((r) => Number(r.events.id))).toEqual([1, 2, 3, 4, 5, 6]);
    // Nothing arrives twice, even when the queued publishes land after the catch-up.
    await new Promise((r) => setTimeout(r, 1500));
    expect(feed.values).toHaveLength(6);
    feed.stop();
    await client.dispose();
  });
});
