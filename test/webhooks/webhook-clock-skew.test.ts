import path from 'node:path';
import { gqlOk } from '../support/client';
import { createScratchDatabase, testDbKind, type ScratchDatabase } from '../support/databases';
import { unique } from '../support/factories';
import { startTestHub, type TestHub } from '../support/hub';
import { spawnPeer, stopProcess, type HubProcess } from '../support/process';
import { sql } from '../support/sql';
import { eventually } from '../support/wait';
import { WebhookReceiver } from '../support/webhook-receiver';
import { apiKey, createProducts, endpoint, endpointCall, endpointState, eventIds, FAST_RETRIES, numberedEventIds } from './helpers';

const REDIS_URL = process.env.HUB_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
/** Far more than a lease (2 x the 2 s timeout + 5 s): judged by its own clock, the skewed process would find every lease expired. */
const SKEW_MS = 60_000;
const ENDPOINTS = 4;
/** The lease another process holds in the first case. */
const LEASE_MS = 4_000;
const EVENTS = 120;
/** FAST_RETRIES' failing window, and what is left of it for an endpoint failing since just before the window began. */
const WINDOW_MS = Number(FAST_RETRIES.HUB_WEBHOOK_RETRY_WINDOW) * 1000;
const WINDOW_LEFT_MS = 8_000;

const onMariaDb = testDbKind() === 'mariadb' ? describe : describe.skip;

onMariaDb('webhook leases judged by the database clock, with one of two processes a minute ahead', () => {
  let db: ScratchDatabase;
  let a: TestHub;
  let b: HubProcess;
  let bUrl: string;
  const receivers: WebhookReceiver[] = [];

  beforeAll(async () => {
    db = await createScratchDatabase('mariadb');
    a = await startTestHub({ REDIS_URL, ...FAST_RETRIES }, db);
    b = spawnPeer(db, {
      REDIS_URL,
      ...FAST_RETRIES,
      NODE_OPTIONS: `--require ${path.join(__dirname, 'skewed-clock.cjs')}`,
      CLOCK_SKEW_MS: String(SKEW_MS),
    });
    bUrl = await b.ready();
  });

  afterAll(async () => {
    await stopProcess(b);
    await a?.stop();
    for (const r of receivers) await r.stop();
    await db?.drop();
  });

  it('leaves an endpoint leased by another process alone until the lease expires by the database clock', async () => {
    const key = await apiKey(a, 'INTEGRATOR');
    const r = await WebhookReceiver.start();
    receivers.push(r);
    const receivedAt: number[] = [];
    r.behaviour = () => {
      receivedAt.push(Date.now());
      return 200;
    };
    const hook = await endpoint(a, { apiKeyId: key.id, url: r.url, eventTypes: ['PRODUCT_CHANGED'] });
    // Only the skewed process delivers, and a live process holds the endpoint for LEASE_MS more.
    await a.hub.services.webhookDispatcher.stop();
    try {
      await sql(
        a,
        "UPDATE webhook_endpoint SET lease_owner = 'a-live-process', lease_until = UTC_TIMESTAMP(3) + INTERVAL ? MICROSECOND WHERE id = ?",
        [LEASE_MS * 1000, Number(hook.id)],
      );
      const leaseEnds = Date.now() + LEASE_MS;
      await createProducts({ url: bUrl, adminToken: a.adminToken }, 3, 'LEASED');
      await r.waitUntil('the three events after the lease expired', () => r.accepted.length >= 3, 30_000);
      expect(r.requests.map((q) => q.id)).toEqual(await eventIds(a, ['PRODUCT_CHANGED'], hook.cursor));
      // This machine's clock is the database's; a little slack for the statement that set the lease.
      expect(Math.min(...receivedAt)).toBeGreaterThanOrEqual(leaseEnds - 250);
    } finally {
      await a.hub.services.webhookDispatcher.start();
    }
  });

  it('never takes an endpoint the other process holds: each event once per endpoint, in id order', async () => {
    const key = await apiKey(a, 'INTEGRATOR');
    const hooks: Array<{ r: WebhookReceiver; id: string; secret: string; cursor: string }> = [];
    for (let i = 0; i < ENDPOINTS; i++) {
      const r = await WebhookReceiver.start();
      receivers.push(r);
      hooks.push({ r, ...(await endpoint(a, { apiKeyId: key.id, url: r.url, eventTypes: ['PRODUCT_CHANGED'] })) });
    }
    // A steady stream from both processes, so that each holds leases while the other looks for due endpoints.
    for (let wave = 0; wave < EVENTS / 10; wave++) {
      await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          gqlOk(
            i % 2 ? bUrl : a.url,
            'mutation($input: CreateProductInput!) { createProduct(input: $input) { id } }',
            { input: { code: unique('SKEW'), name: 'Skewed', unit: 'kWh', fixedCharge: '1.00' } },
            a.adminToken,
          ),
        ),
      );
    }
    // The relay numbers committed changes in the background: wait until all of them are events.
    const expected = await numberedEventIds(a, ['PRODUCT_CHANGED'], hooks[0].cursor, EVENTS);
    expect(expected).toHaveLength(EVENTS);
    // The other process's events carry its clock: a minute ahead.
    const stamped = await gqlOk(
      a.url,
      'query($after: ID) { events(after: $after, types: [PRODUCT_CHANGED], first: 500) { nodes { occurredAt } } }',
      { after: hooks[0].cursor },
      a.adminToken,
    );
    const latest = Math.max(...stamped.events.nodes.map((n: { occurredAt: string }) => Date.parse(n.occurredAt)));
    expect(latest).toBeGreaterThan(Date.now() + SKEW_MS / 2);
    for (const { r, secret } of hooks) {
      await r.waitUntil(`all ${EVENTS} events accepted`, () => r.accepted.length >= EVENTS, 60_000);
      // Every answer was a 2xx and no process died: one request per event, in id order, none twice.
      expect(r.requests.map((q) => q.id)).toEqual(expected);
      r.verifyAll([secret]);
    }
  });

  it('starts and ends the failing window by the database clock, not by the failing process', async () => {
    const key = await apiKey(a, 'INTEGRATOR');
    const [fresh, ending] = [await WebhookReceiver.start(), await WebhookReceiver.start()];
    receivers.push(fresh, ending);
    const endingAt: number[] = [];
    fresh.behaviour = () => 500;
    ending.behaviour = () => {
      endingAt.push(Date.now());
      return 500;
    };
    const first = await endpoint(a, { apiKeyId: key.id, url: fresh.url, eventTypes: ['PRODUCT_CHANGED'] });
    const last = await endpoint(a, { apiKeyId: key.id, url: ending.url, eventTypes: ['PRODUCT_CHANGED'] });
    // Only the process a minute ahead delivers.
    await a.hub.services.webhookDispatcher.stop();
    try {
      // The second endpoint has been failing, by the database clock, for all but the last WINDOW_LEFT_MS of its window,
      // which ends no sooner than windowEnds (this machine's clock is the database's).
      const windowEnds = Date.now() + WINDOW_LEFT_MS;
      await sql(a, 'UPDATE webhook_endpoint SET failures = 3, failing_since = UTC_TIMESTAMP(3) - INTERVAL ? MICROSECOND WHERE id = ?', [
        (WINDOW_MS - WINDOW_LEFT_MS) * 1000,
        Number(last.id),
      ]);
      await createProducts({ url: bUrl, adminToken: a.adminToken }, 1, 'FAILING');
      await fresh.waitUntil('a failed attempt', (requests) => requests.length >= 2, 30_000);
      const [started] = await sql(
        a,
        'SELECT TIMESTAMPDIFF(MICROSECOND, UTC_TIMESTAMP(3), failing_since) / 1000 AS aheadMs FROM webhook_endpoint WHERE id = ?',
        [Number(first.id)],
      );
      // Its window started when the attempt failed by the database's clock (this machine's), not a minute later.
      expect(Math.abs(Number(started.aheadMs))).toBeLessThan(5_000);

      const state = await eventually(
        'the second endpoint disabled',
        async () => {
          const now = await endpointState(a, last.id);
          return now.status === 'DISABLED' ? now : undefined;
        },
        { timeoutMs: 30_000, intervalMs: 200 },
      );
      expect(state.disabledReason).toMatch(/^no 2xx answer since /);
      // Retried until the window's end by the database clock; by its own, the process would have given up at once.
      expect(endingAt.length).toBeGreaterThan(1);
      expect(Math.max(...endingAt)).toBeGreaterThanOrEqual(windowEnds - 250);
    } finally {
      await endpointCall(a, 'disableWebhookEndpoint', first.id);
      await a.hub.services.webhookDispatcher.start();
    }
  });
});
