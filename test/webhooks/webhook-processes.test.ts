import { gqlOk } from '../support/client';
import { createScratchDatabase, testDbKind, type ScratchDatabase } from '../support/databases';
import { unique } from '../support/factories';
import { startTestHub, type TestHub } from '../support/hub';
import { spawnPeer, stopProcess, type HubProcess } from '../support/process';
import { eventually } from '../support/wait';
import { WebhookReceiver } from '../support/webhook-receiver';
import { apiKey, endpoint, endpointState, expectInOrderAtLeastOnce, FAST_RETRIES, numberedEventIds } from './helpers';

const REDIS_URL = process.env.HUB_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

// Several server processes share one MySQL/MariaDB and one Redis; the embedded database serves one process.
const onMariaDb = testDbKind() === 'mariadb' ? describe : describe.skip;

onMariaDb('webhooks delivered by two server processes on one MariaDB and one Redis', () => {
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
    });
    bUrl = await b.ready();
  });

  afterAll(async () => {
    await stopProcess(b);
    await a?.stop();
    for (const r of receivers) await r.stop();
    await db?.drop();
  });

  it('delivers each event once per endpoint, in id order, whichever process numbered or sends it', async () => {
    const key = await apiKey(a, 'INTEGRATOR');
    const hooks = [];
    for (let i = 0; i < 4; i++) {
      const r = await WebhookReceiver.start();
      receivers.push(r);
      // Every third answer fails: retries move between the processes too.
      let calls = 0;
      r.behaviour = () => (++calls % 3 === 0 ? 503 : 200);
      hooks.push({ r, ...(await endpoint(a, { apiKeyId: key.id, url: r.url, eventTypes: ['PRODUCT_CHANGED'] })) });
    }
    await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        gqlOk(
          i % 2 ? bUrl : a.url,
          'mutation($input: CreateProductInput!) { createProduct(input: $input) { id } }',
          { input: { code: unique('TWO'), name: 'Both', unit: 'kWh', fixedCharge: '1.00' } },
          a.adminToken,
        ),
      ),
    );
    // The relay numbers committed changes in the background: wait until all 60 are events.
    const expected = await numberedEventIds(a, ['PRODUCT_CHANGED'], hooks[0].cursor, 60);
    expect(expected).toHaveLength(60);
    // Stored just after the last answer.
    const loggedAttempts = (id: string) =>
      eventually('every attempt logged', async () => {
        const state = await endpointState(a, id);
        return state.cursor === expected[expected.length - 1] ? (state.deliveries.totalCount as number) : undefined;
      });
    for (const { r, secret, id } of hooks) {
      await r.waitUntil('all 60 events accepted', () => r.accepted.length >= 60, 60_000);
      // In order, each request for the oldest event not yet accepted, and no event sent twice by two processes at once.
      expectInOrderAtLeastOnce(r.requests, expected, await loggedAttempts(id));
      expect(r.accepted.map((q) => q.id)).toEqual(expected);
      r.verifyAll([secret]);
    }
  });

  it('takes over, from the cursor, an endpoint whose process was killed in the middle of a delivery', async () => {
    const key = await apiKey(a, 'INTEGRATOR');
    const r = await WebhookReceiver.start();
    receivers.push(r);
    const hook = await endpoint(a, { apiKeyId: key.id, url: r.url, eventTypes: ['PRODUCT_CHANGED'] });
    // Only the other process delivers for now; the receiver holds its first request unanswered.
    await a.hub.services.webhookDispatcher.stop();
    r.behaviour = 'hang';
    for (let i = 0; i < 3; i++) {
      await gqlOk(
        bUrl,
        'mutation($input: CreateProductInput!) { createProduct(input: $input) { id } }',
        { input: { code: unique('KILLED'), name: 'Killed', unit: 'kWh', fixedCharge: '1.00' } },
        a.adminToken,
      );
    }
    await r.waitUntil('the other process in the middle of a delivery', (reqs) => reqs.length >= 1);
    b.child.kill('SIGKILL');
    await b.exited;
    r.behaviour = 200;
    await a.hub.services.webhookDispatcher.start();
    // The other process may have died before its relay numbered all three changes: this one numbers the rest.
    const expected = await numberedEventIds(a, ['PRODUCT_CHANGED'], hook.cursor, 3);
    expect(expected).toHaveLength(3);
    // Its lease expires, and this process delivers everything from the cursor: the interrupted event again, then the rest.
    await r.waitUntil('the three events accepted', () => r.accepted.length >= 3, 60_000);
    expectInOrderAtLeastOnce(r.requests, expected);
    expect(r.requests[0].id).toBe(expected[0]);
  });
});
