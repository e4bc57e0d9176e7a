import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { errorCode, gql, gqlOk } from '../support/client';
import { account, publishedProduct, unique } from '../support/factories';
import { startTestHub, type TestHub } from '../support/hub';
import { checkMoneyAndStop } from '../support/money-invariants';
import { sql } from '../support/sql';
import { eventually, sleep } from '../support/wait';
import { verifies, WebhookReceiver } from '../support/webhook-receiver';
import {
  apiKey,
  createEndpoint,
  createProducts,
  distinct,
  endpoint,
  endpointCall,
  endpointState,
  eventIds,
  expectInOrderAtLeastOnce,
  FAST_RETRIES,
  numberedEventIds,
} from './helpers';

let t: TestHub;
const receivers: WebhookReceiver[] = [];

async function receiver(): Promise<WebhookReceiver> {
  const r = await WebhookReceiver.start();
  receivers.push(r);
  return r;
}

beforeAll(async () => {
  t = await startTestHub(FAST_RETRIES);
});
afterAll(async () => {
  for (const r of receivers) await r.stop();
  await checkMoneyAndStop(t);
});

describe('registering webhook endpoints', () => {
  it('shows the secret once: never in webhookEndpoints, the audit log or a later answer', async () => {
    const key = await apiKey(t, 'INTEGRATOR');
    const r = await receiver();
    const created = await endpoint(t, { apiKeyId: key.id, url: r.url, description: 'Payments feed', eventTypes: ['PAYMENT_RECEIVED'] });
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    const state = await endpointState(t, created.id);
    expect(state).toMatchObject({
      url: r.url,
      description: 'Payments feed',
      eventTypes: ['PAYMENT_RECEIVED'],
      status: 'ENABLED',
      apiKey: { id: key.id, role: 'INTEGRATOR' },
    });
    // The type has no field that could leak it.
    const asked = await gql(t.url, '{ webhookEndpoints { secret } }', {}, t.adminToken);
    expect(errorCode(asked)).toBe('BAD_USER_INPUT');

    const rotated = await endpointCall(t, 'rotateWebhookSecret', created.id, '{ secret endpoint { id } }');
    const newSecret = (rotated.data as Record<string, any>).rotateWebhookSecret.secret as string;
    expect(newSecret).not.toBe(created.secret);
    await endpointCall(t, 'disableWebhookEndpoint', created.id);
    await endpointCall(t, 'enableWebhookEndpoint', created.id);
    const audit = await sql(t, "SELECT before_state, after_state FROM audit_entry WHERE subject_type = 'WebhookEndpoint'");
    expect(audit.length).toBeGreaterThanOrEqual(4);
    const logged = JSON.stringify(audit);
    for (const secret of [created.secret, newSecret]) expect(logged).not.toContain(secret.slice(6));
    await endpointCall(t, 'deleteWebhookEndpoint', created.id, '');
  });

  it('refuses bad input with BAD_USER_INPUT saying what to fix, and changes nothing', async () => {
    const integrator = await apiKey(t, 'INTEGRATOR');
    const partner = await apiKey(t, 'PARTNER');
    const before = (await gqlOk(t.url, '{ webhookEndpoints { id } }', {}, t.adminToken)).webhookEndpoints.length;
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ apiKeyId: integrator.id, url: 'not a url' }, /is not a URL; give one such as https:/],
      [{ apiKeyId: integrator.id, url: 'ftp://files.example.com/in' }, /must use http or https, not ftp/],
      [{ apiKeyId: integrator.id, url: 'https://user:pw@example.com/' }, /must not carry a user name or password/],
      [
        { apiKeyId: partner.id, url: 'http://127.0.0.1:9/', eventTypes: ['PAYMENT_RECEIVED'] },
        /A PARTNER key may not receive PAYMENT_RECEIVED; choose among PRODUCT_CHANGED/,
      ],
    ];
    for (const [input, message] of cases) {
      const result = await createEndpoint(t, input);
      expect(errorCode(result)).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0].message).toMatch(message);
    }
    expect(errorCode(await createEndpoint(t, { apiKeyId: '987654', url: 'http://127.0.0.1:9/' }))).toBe('NOT_FOUND');
    expect((await gqlOk(t.url, '{ webhookEndpoints { id } }', {}, t.adminToken)).webhookEndpoints).toHaveLength(before);

    const made = await endpoint(t, { apiKeyId: partner.id, url: 'http://127.0.0.1:9/' });
    const update = await gql(
      t.url,
      'mutation($id: ID!, $input: UpdateWebhookEndpointInput!) { updateWebhookEndpoint(id: $id, input: $input) { id } }',
      { id: made.id, input: { eventTypes: ['INVOICE_ISSUED'] } },
      t.adminToken,
    );
    expect(errorCode(update)).toBe('BAD_USER_INPUT');
    const replay = await gql(
      t.url,
      'mutation($id: ID!) { replayWebhookEndpoint(id: $id, after: "9999999") { id } }',
      { id: made.id },
      t.adminToken,
    );
    expect(errorCode(replay)).toBe('BAD_USER_INPUT');
    expect(replay.errors?.[0].message).toMatch(/There is no event 9999999; give an event id from 0 to \d+/);
    expect(await endpointState(t, made.id)).toMatchObject({ eventTypes: [], cursor: made.cursor });
    expect(errorCode(await endpointCall(t, 'enableWebhookEndpoint', '424242'))).toBe('NOT_FOUND');
    await endpointCall(t, 'deleteWebhookEndpoint', made.id, '');
  });

  it('lets only admins manage endpoints', async () => {
    const operator = await t.apiKey('OPERATOR');
    const integrator = await apiKey(t, 'INTEGRATOR');
    const result = await gql(
      t.url,
      'mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { secret } }',
      { input: { apiKeyId: integrator.id, url: 'http://127.0.0.1:9/' } },
      operator,
    );
    expect(errorCode(result)).toBe('FORBIDDEN');
    expect(errorCode(await gql(t.url, '{ webhookEndpoints { id } }', {}, integrator.secret))).toBe('FORBIDDEN');
  });
});

describe('delivering events', () => {
  it('delivers 200 concurrent payments to an endpoint once each, in id order, signed as Standard Webhooks verifies', async () => {
    const key = await apiKey(t, 'INTEGRATOR');
    const r = await receiver();
    const hook = await endpoint(t, { apiKeyId: key.id, url: r.url, eventTypes: ['PAYMENT_RECEIVED'] });
    const accounts = await Promise.all(Array.from({ length: 10 }, () => account(t)));
    await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        gqlOk(
          t.url,
          'mutation($input: RecordPaymentInput!) { recordPayment(input: $input) { id } }',
          { input: { accountNumber: accounts[i % 10].number, amount: '1.25', channel: 'ACH', idempotencyKey: unique('hook-pay') } },
          key.secret,
        ),
      ),
    );
    await r.waitUntil('200 payments accepted', () => distinct(r.accepted.map((q) => q.id)).length >= 200, 60_000);
    const expected = await eventIds(t, ['PAYMENT_RECEIVED'], hook.cursor);
    expect(expected).toHaveLength(200);
    // The cursor and the log are stored just after the last answer.
    const state = await eventually('the cursor stored at the last payment', async () => {
      const s = await endpointState(t, hook.id);
      return s.cursor === expected[expected.length - 1] ? s : undefined;
    });
    // A repeat is only ever an attempt the hub saw fail (a slow answer on a loaded machine), logged as such.
    expectInOrderAtLeastOnce(r.requests, expected, state.deliveries.totalCount);
    r.verifyAll([hook.secret]);
    const first = r.requests[0];
    expect(first.message).toMatchObject({
      type: 'PAYMENT_RECEIVED',
      data: { id: first.id, type: 'PAYMENT_RECEIVED', payload: { amount: '1.25' } },
    });
    expect(Number(first.timestamp)).toBeGreaterThan(Date.now() / 1000 - 600);
    expect(state.cursor).toBe(expected[expected.length - 1]);
    expect(
      state.deliveries.nodes.filter((d: { succeeded: boolean; statusCode: number }) => d.succeeded && d.statusCode === 200),
    ).toHaveLength(200);
  });

  it('keeps order through 500s, timeouts and refused connections, and delivers everything once the receiver recovers', async () => {
    const key = await apiKey(t, 'ADMIN');
    const r = await receiver();
    const hook = await endpoint(t, { apiKeyId: key.id, url: r.url, eventTypes: ['PRODUCT_CHANGED'] });
    // Answers 500 three times, hangs past the timeout twice, then the receiver goes away for a while.
    let calls = 0;
    r.behaviour = () => (++calls <= 3 ? 500 : calls <= 5 ? 'hang' : 200);
    await createProducts(t, 12, 'FLAKY');
    await r.waitUntil('the hanging attempts', (reqs) => reqs.length >= 5);
    await r.stop();
    await sleep(800);
    await r.start();
    const expected = await numberedEventIds(t, ['PRODUCT_CHANGED'], hook.cursor, 12);
    expect(expected).toHaveLength(12);
    await r.waitUntil('every product event accepted', () => distinct(r.accepted.map((q) => q.id)).length >= 12, 30_000);
    // In order: every request is for the oldest event not yet accepted (a retried event is re-sent, never skipped).
    expectInOrderAtLeastOnce(r.requests, expected);
    const state = await endpointState(t, hook.id);
    const failed = state.deliveries.nodes.filter((d: { succeeded: boolean }) => !d.succeeded);
    expect(failed.map((d: { statusCode: number | null }) => d.statusCode)).toEqual(expect.arrayContaining([500, null]));
    expect(failed.map((d: { error: string }) => d.error).join(' | ')).toMatch(/no complete answer within 2 s/);
    expect(state.status).toBe('ENABLED');
  });

  it('lets a dead or slow receiver delay nobody else', async () => {
    const key = await apiKey(t, 'INTEGRATOR');
    const slow = await receiver();
    slow.behaviour = 'hang';
    const fast = await receiver();
    const stuck = await endpoint(t, { apiKeyId: key.id, url: slow.url, eventTypes: ['PRODUCT_CHANGED'] });
    const healthy = await endpoint(t, { apiKeyId: key.id, url: fast.url, eventTypes: ['PRODUCT_CHANGED'] });
    const dead = await endpoint(t, { apiKeyId: key.id, url: 'http://127.0.0.1:9/refused', eventTypes: ['PRODUCT_CHANGED'] });
    await createProducts(t, 10, 'SLOW');
    await fast.waitUntil('all ten events at the healthy endpoint', (reqs) => reqs.length >= 10);
    expect(fast.requests.map((q) => q.id)).toEqual(await eventIds(t, ['PRODUCT_CHANGED'], healthy.cursor));
    // The others are still stuck at their first event.
    expect(distinct(slow.requests.map((q) => q.id)).length).toBeLessThanOrEqual(1);
    for (const id of [stuck.id, dead.id]) expect((await endpointState(t, id)).cursor).toBe(healthy.cursor);
    for (const id of [stuck.id, dead.id]) await endpointCall(t, 'deleteWebhookEndpoint', id, '');
  });

  it('sends a partner PRODUCT_CHANGED only, with the product as the partner reads it, and nothing about drafts', async () => {
    const partner = await apiKey(t, 'PARTNER');
    const r = await receiver();
    await endpoint(t, { apiKeyId: partner.id, url: r.url });
    await account(t);
    const product = await publishedProduct(t, { fixedCharge: '9.95', rates: [{ effectiveFrom: '2025-01-01', unitPrice: '0.1325' }] });
    await r.waitUntil('the publication', (reqs) => reqs.length >= 1);
    await sleep(300);
    // Created as a DRAFT (partners never see drafts), then published: one message.
    expect(r.requests).toHaveLength(1);
    const { message } = r.requests[0];
    expect(message.type).toBe('PRODUCT_CHANGED');
    expect(message.data).toMatchObject({
      change: 'PUBLISHED',
      product: { id: product.id, code: product.code, status: 'ACTIVE', fixedCharge: '9.95', rates: [{ unitPrice: '0.1325' }] },
    });
  });

  it('signs with both secrets for 24 hours after a rotation: each verifies on its own', async () => {
    const key = await apiKey(t, 'INTEGRATOR');
    const r = await receiver();
    const hook = await endpoint(t, { apiKeyId: key.id, url: r.url, eventTypes: ['PRODUCT_CHANGED'] });
    const rotated = await endpointCall(t, 'rotateWebhookSecret', hook.id, '{ secret }');
    const secret = (rotated.data as Record<string, any>).rotateWebhookSecret.secret as string;
    await createProducts(t, 2, 'ROT');
    await r.waitUntil('two messages', (reqs) => reqs.length >= 2);
    for (const q of r.requests) {
      const headers = { 'webhook-id': q.id, 'webhook-timestamp': q.timestamp, 'webhook-signature': q.signature };
      expect(q.signature.split(' ')).toHaveLength(2);
      expect(verifies(hook.secret, q.body, headers)).toBe(true);
      expect(verifies(secret, q.body, headers)).toBe(true);
      expect(verifies(`whsec_${Buffer.alloc(32, 7).toString('base64')}`, q.body, headers)).toBe(false);
    }

    // Rotated again within the 24 hours: the new secret and the one it replaced sign; the first no longer does.
    const again = await endpointCall(t, 'rotateWebhookSecret', hook.id, '{ secret }');
    const third = (again.data as Record<string, any>).rotateWebhookSecret.secret as string;
    await createProducts(t, 1, 'ROT2');
    await r.waitUntil('a third message', (reqs) => reqs.length >= 3);
    const q = r.requests[2];
    const headers = { 'webhook-id': q.id, 'webhook-timestamp': q.timestamp, 'webhook-signature': q.signature };
    expect(q.signature.split(' ')).toHaveLength(2);
    expect([third, secret, hook.secret].map((s) => verifies(s, q.body, headers))).toEqual([true, true, false]);
  });

  it('holds deliveries while disabled, resumes from the cursor when enabled, and replays from an event id', async () => {
    const key = await apiKey(t, 'INTEGRATOR');
    const r = await receiver();
    const hook = await endpoint(t, { apiKeyId: key.id, url: r.url, eventTypes: ['PRODUCT_CHANGED'] });
    await createProducts(t, 2, 'ON');
    await r.waitUntil('two messages', (reqs) => reqs.length >= 2);
    const disabling = Date.now();
    const disabled = await endpointCall(t, 'disableWebhookEndpoint', hook.id);
    const answer = (disabled.data as Record<string, any>).disableWebhookEndpoint;
    expect(answer).toMatchObject({ status: 'DISABLED', disabledReason: 'Disabled by admin' });
    expect(Date.parse(answer.disabledAt)).toBeGreaterThanOrEqual(disabling - 1_000);
    expect(Date.parse(answer.disabledAt)).toBeLessThanOrEqual(Date.now());
    await createProducts(t, 3, 'OFF');
    await sleep(1500);
    expect(r.requests).toHaveLength(2);
    await endpointCall(t, 'enableWebhookEndpoint', hook.id);
    await r.waitUntil('the held three', (reqs) => reqs.length >= 5);
    const all = await eventIds(t, ['PRODUCT_CHANGED'], hook.cursor);
    expect(r.requests.map((q) => q.id)).toEqual(all);

    const replayed = await gql(
      t.url,
      'mutation($id: ID!, $after: ID!) { replayWebhookEndpoint(id: $id, after: $after) { cursor } }',
      { id: hook.id, after: all[1] },
      t.adminToken,
    );
    expect((replayed.data as Record<string, any>).replayWebhookEndpoint.cursor).toBe(all[1]);
    await r.waitUntil('the replay', (reqs) => reqs.length >= 8);
    expect(r.requests.slice(5).map((q) => q.id)).toEqual(all.slice(2));
  });
});

describe('answers the hub does not follow', () => {
  it('follows no redirect and reads no more than 64 KB of an answer', async () => {
    const key = await apiKey(t, 'INTEGRATOR');
    const target = await receiver();
    const redirecting = http.createServer((_req, res) => {
      res.writeHead(307, { location: target.url });
      res.end();
    });
    // An answer that never ends: the hub stops reading at 64 KB rather than waiting for the timeout.
    const endless = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const chunk = Buffer.alloc(16 * 1024, 'x');
      const pump = () => {
        while (res.write(chunk));
        res.once('drain', pump);
      };
      pump();
    });
    const port = async (server: http.Server) => {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      return (server.address() as AddressInfo).port;
    };
    const redirect = await endpoint(t, {
      apiKeyId: key.id,
      url: `http://127.0.0.1:${await port(redirecting)}/`,
      eventTypes: ['PRODUCT_CHANGED'],
    });
    const big = await endpoint(t, { apiKeyId: key.id, url: `http://127.0.0.1:${await port(endless)}/`, eventTypes: ['PRODUCT_CHANGED'] });
    try {
      await createProducts(t, 1, 'REDIR');
      const refused = await eventually('the redirect logged', async () => {
        const state = await endpointState(t, redirect.id);
        return state.deliveries.totalCount > 0 ? state.deliveries.nodes[0] : undefined;
      });
      expect(refused).toMatchObject({ succeeded: false, statusCode: 307, error: `redirect to ${target.url} not followed` });
      expect(target.requests).toHaveLength(0);
      const read = await eventually('the endless answer accepted', async () => {
        const state = await endpointState(t, big.id);
        return state.deliveries.totalCount > 0 ? state.deliveries.nodes[0] : undefined;
      });
      expect(read).toMatchObject({ succeeded: true, statusCode: 200, error: null });
    } finally {
      for (const id of [redirect.id, big.id]) await endpointCall(t, 'deleteWebhookEndpoint', id, '');
      redirecting.closeAllConnections();
      endless.closeAllConnections();
      redirecting.close();
      endless.close();
    }
  });
});
