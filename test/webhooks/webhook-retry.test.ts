import { errorCode, gql, gqlOk, subscribe, wsClient } from '../support/client';
import { startTestHub, type TestHub } from '../support/hub';
import { sql } from '../support/sql';
import { eventually } from '../support/wait';
import { WebhookReceiver } from '../support/webhook-receiver';
import { apiKey, createProducts, endpoint, endpointCall, endpointState, eventIds, FAST_RETRIES, numberedEventIds } from './helpers';

let t: TestHub;
let r: WebhookReceiver;
const receivers: WebhookReceiver[] = [];

/** A receiver of the test's own, so endpoints left enabled by other tests never write to it. */
async function ownReceiver(): Promise<WebhookReceiver> {
  const own = await WebhookReceiver.start();
  receivers.push(own);
  return own;
}

beforeAll(async () => {
  // Retries give up after 1.5 s instead of 3 days.
  t = await startTestHub({ ...FAST_RETRIES, HUB_WEBHOOK_RETRY_WINDOW: '1.5' });
  r = await WebhookReceiver.start();
});
afterAll(async () => {
  await r.stop();
  for (const own of receivers) await own.stop();
  await t.stop();
});

const OLD = '2026-01-01 00:00:00.000';

describe('an endpoint that stays dead for the retry window', () => {
  it('is disabled with an event and a work item in INTEGRATIONS, and resumes from its cursor when enabled again', async () => {
    const key = await apiKey(t, 'INTEGRATOR');
    const hook = await endpoint(t, { apiKeyId: key.id, url: r.url, eventTypes: ['PRODUCT_CHANGED'] });
    await r.stop();
    const failingFrom = Date.now();
    await createProducts(t, 3, 'DEAD');
    const disabled = await eventually(
      'the endpoint to be disabled',
      async () => {
        const state = await endpointState(t, hook.id);
        return state.status === 'DISABLED' ? state : undefined;
      },
      { timeoutMs: 20_000 },
    );
    expect(disabled.cursor).toBe(hook.cursor);
    expect(disabled.disabledReason).toMatch(/^no 2xx answer since \S+ \(last: connection refused\)$/);
    // Since the first failed attempt, by the database's clock, which is this machine's here.
    const since = Date.parse(/since (\S+)/.exec(disabled.disabledReason)?.[1] ?? '');
    expect(since).toBeGreaterThanOrEqual(failingFrom - 1_000);
    expect(since).toBeLessThanOrEqual(Date.now());
    // Disabled once the window ran out: after the first failure, and by now.
    expect(Date.parse(disabled.disabledAt)).toBeGreaterThanOrEqual(since);
    expect(Date.parse(disabled.disabledAt)).toBeLessThanOrEqual(Date.now());
    expect(disabled.deliveries.totalCount).toBeGreaterThanOrEqual(4);
    expect(disabled.deliveries.nodes.every((d: { succeeded: boolean; statusCode: null }) => !d.succeeded && d.statusCode === null)).toBe(
      true,
    );
    // Newest first; each a retry of the same first event.
    const attempts = disabled.deliveries.nodes.map((d: { attempt: number }) => d.attempt);
    expect(attempts).toEqual([...attempts].sort((a: number, b: number) => b - a));

    const announced = await eventually('the WEBHOOK_ENDPOINT_DISABLED event', async () => {
      const data = await gqlOk(t.url, '{ events(types: [WEBHOOK_ENDPOINT_DISABLED]) { nodes { subjectId payload } } }', {}, t.adminToken);
      return data.events.nodes.length > 0 ? data.events.nodes : undefined;
    });
    expect(announced).toEqual([
      {
        subjectId: hook.id,
        payload: { apiKeyId: key.id, host: `127.0.0.1:${r.port}`, cursor: hook.cursor, reason: disabled.disabledReason },
      },
    ]);
    const queue = await gqlOk(t.url, '{ workQueue(key: "INTEGRATIONS") { items { nodes { kind title status } } } }', {}, t.adminToken);
    expect(queue.workQueue.items.nodes).toEqual([
      expect.objectContaining({
        kind: 'WEBHOOK_ENDPOINT_DISABLED',
        status: 'OPEN',
        title: expect.stringContaining(`Webhook endpoint ${hook.id} (127.0.0.1:${r.port}) disabled`),
      }),
    ]);

    await createProducts(t, 2, 'WHILE-OFF');
    await r.start();
    const enabled = await endpointCall(t, 'enableWebhookEndpoint', hook.id);
    expect((enabled.data as Record<string, any>).enableWebhookEndpoint).toMatchObject({
      status: 'ENABLED',
      disabledReason: null,
      disabledAt: null,
    });
    // Enabling it again answers the work item: an admin finds no stale item, and a second disabling files a new one.
    const after = await gqlOk(t.url, '{ workQueue(key: "INTEGRATIONS") { items { nodes { kind status resolution } } } }', {}, t.adminToken);
    expect(after.workQueue.items.nodes).toEqual([
      { kind: 'WEBHOOK_ENDPOINT_DISABLED', status: 'RESOLVED', resolution: 'Endpoint enabled again by admin' },
    ]);
    const expected = await numberedEventIds(t, ['PRODUCT_CHANGED'], hook.cursor, 5);
    expect(expected).toHaveLength(5);
    await r.waitUntil('the five held events', (reqs) => reqs.length >= 5);
    expect(r.requests.map((q) => q.id)).toEqual(expected);
    r.verifyAll([hook.secret]);
  });
});

describe('event retention', () => {
  it('refuses a cursor older than the events kept with CURSOR_EXPIRED, naming the oldest id kept, and never skips silently', async () => {
    const key = await apiKey(t, 'INTEGRATOR');
    const r = await ownReceiver();
    const hook = await endpoint(t, { apiKeyId: key.id, url: r.url, eventTypes: ['PRODUCT_CHANGED'] });
    await endpointCall(t, 'disableWebhookEndpoint', hook.id);
    const base = Number(hook.cursor);
    await createProducts(t, 5, 'KEEP');
    await eventually('the five events numbered', async () => (await eventIds(t, ['PRODUCT_CHANGED'], hook.cursor)).length === 5);
    const floor = base + 3;
    await sql(t, 'UPDATE event SET committed_at = ? WHERE id <= ?', [OLD, floor]);
    expect(await t.hub.services.eventRetention.sweepOnce()).toBe(floor);

    const listed = await gql(t.url, '{ events(after: "0") { nodes { id } } }', {}, t.adminToken);
    expect(errorCode(listed)).toBe('CURSOR_EXPIRED');
    expect(listed.errors?.[0].message).toContain(`the oldest id retained is ${floor + 1}`);
    expect(listed.errors?.[0].extensions?.oldestRetainedId).toBe(String(floor + 1));
    const fromFloor = await gqlOk(t.url, 'query($a: ID) { events(after: $a) { nodes { id } } }', { a: String(floor) }, t.adminToken);
    expect(fromFloor.events.nodes[0].id).toBe(String(floor + 1));

    const client = wsClient(t.url, t.adminToken);
    const feed = subscribe(client, 'subscription { events(after: "1") { id } }');
    await feed.done;
    expect(JSON.stringify(feed.errors)).toContain('CURSOR_EXPIRED');
    // A cursor past the newest event is refused too: it would skip every event up to it.
    const ahead = subscribe(client, 'subscription { events(after: "500000") { id } }');
    await ahead.done;
    expect(ahead.errors).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/^after 500000 is past the newest event, \d+/),
        extensions: { code: 'BAD_USER_INPUT' },
      }),
    ]);
    await client.dispose();

    const replay = await gql(
      t.url,
      'mutation($id: ID!, $a: ID!) { replayWebhookEndpoint(id: $id, after: $a) { id } }',
      { id: hook.id, a: String(base) },
      t.adminToken,
    );
    expect(errorCode(replay)).toBe('CURSOR_EXPIRED');
    const enable = await endpointCall(t, 'enableWebhookEndpoint', hook.id);
    expect(errorCode(enable)).toBe('CURSOR_EXPIRED');
    expect(enable.errors?.[0].message).toMatch(
      new RegExp(`Endpoint ${hook.id} was disabled longer than events are kept.*the oldest id retained is ${floor + 1}`),
    );
    expect((await endpointState(t, hook.id)).status).toBe('DISABLED');

    const before = r.requests.length;
    await gqlOk(
      t.url,
      'mutation($id: ID!, $a: ID!) { replayWebhookEndpoint(id: $id, after: $a) { id } }',
      { id: hook.id, a: String(floor) },
      t.adminToken,
    );
    await endpointCall(t, 'enableWebhookEndpoint', hook.id);
    await r.waitUntil('the two retained events', (reqs) => reqs.length >= before + 2);
    expect(r.requests.slice(before).map((q) => q.id)).toEqual([String(floor + 1), String(floor + 2)]);
  });

  it('keeps the newest event however old, so numbering goes on without a gap', async () => {
    await sql(t, 'UPDATE event SET committed_at = ?', [OLD]);
    await t.hub.services.eventRetention.sweepOnce();
    const left = await sql(t, 'SELECT id FROM event');
    expect(left).toHaveLength(1);
    const last = Number(left[0].id);
    await createProducts(t, 1, 'NEXT');
    const ids = await eventually('the next event', async () => {
      const found = await eventIds(t, ['PRODUCT_CHANGED'], String(last));
      return found.length ? found : undefined;
    });
    expect(ids).toEqual([String(last + 1)]);
  });
});

describe('a process that dies holding an endpoint', () => {
  it('leaves a lease that expires, after which another process takes the endpoint over from its cursor', async () => {
    const key = await apiKey(t, 'INTEGRATOR');
    const r = await ownReceiver();
    const before = r.requests.length;
    const hook = await endpoint(t, { apiKeyId: key.id, url: r.url, eventTypes: ['PRODUCT_CHANGED'] });
    // As a process that claimed the endpoint and died would leave it: leased for a while more.
    const until = new Date(Date.now() + 1500).toISOString().replace('T', ' ').replace('Z', '');
    await sql(t, "UPDATE webhook_endpoint SET lease_owner = 'a-process-that-died', lease_until = ? WHERE id = ?", [until, Number(hook.id)]);
    await createProducts(t, 3, 'TAKEOVER');
    const expected = await eventually('three events numbered', async () => {
      const ids = await eventIds(t, ['PRODUCT_CHANGED'], hook.cursor);
      return ids.length === 3 ? ids : undefined;
    });
    await r.waitUntil('the three events after the lease expired', (reqs) => reqs.length >= before + 3);
    expect(r.requests.slice(before).map((q) => q.id)).toEqual(expected);
    // The cursor moves once each answer is in.
    await eventually('the cursor at the last event', async () => (await endpointState(t, hook.id)).cursor === expected[2]);
  });
});
