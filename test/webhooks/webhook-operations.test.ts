import { errorCode, gql, gqlOk } from '../support/client';
import { account } from '../support/factories';
import { startTestHub, type TestHub } from '../support/hub';
import { checkMoneyAndStop } from '../support/money-invariants';
import { eventually } from '../support/wait';
import { verifies, WebhookReceiver } from '../support/webhook-receiver';
import { apiKey, createProducts, endpoint, endpointCall, endpointState, FAST_RETRIES } from './helpers';

let t: TestHub;
let receiver: WebhookReceiver;

beforeAll(async () => {
  t = await startTestHub(FAST_RETRIES);
  receiver = await WebhookReceiver.start();
});
afterAll(async () => {
  await receiver?.stop();
  await checkMoneyAndStop(t);
});

const SEND_TEST = 'mutation($id: ID!) { sendTestWebhook(id: $id) { messageId succeeded statusCode error durationMs } }';

async function behind(id: string): Promise<number> {
  const data = await gqlOk(t.url, '{ webhookEndpoints { id eventsBehind } }', {}, t.adminToken);
  return data.webhookEndpoints.find((e: { id: string }) => e.id === id).eventsBehind;
}

describe('what an operator sees and tries on an endpoint', () => {
  it('is disabled, saying why, when its API key is revoked, and cannot be enabled again under it', async () => {
    const key = await apiKey(t, 'INTEGRATOR');
    // Receivers of their own: the other tests count what the shared one gets.
    const url = 'http://127.0.0.1:9/revoked';
    const hook = await endpoint(t, { apiKeyId: key.id, url, eventTypes: ['PRODUCT_CHANGED'] });
    const other = await endpoint(t, { apiKeyId: (await apiKey(t, 'INTEGRATOR')).id, url, eventTypes: ['PRODUCT_CHANGED'] });
    const { revokeApiKey } = await gqlOk(
      t.url,
      'mutation($id: ID!) { revokeApiKey(id: $id) { name revokedAt } }',
      { id: key.id },
      t.adminToken,
    );
    expect(await endpointState(t, hook.id)).toMatchObject({
      status: 'DISABLED',
      disabledReason: `API key ${revokeApiKey.name} was revoked`,
      disabledAt: revokeApiKey.revokedAt,
    });
    expect((await endpointState(t, other.id)).status).toBe('ENABLED');
    const enabled = await endpointCall(t, 'enableWebhookEndpoint', hook.id);
    expect(errorCode(enabled)).toBe('INVALID_STATE');
    expect(enabled.errors?.[0].message).toMatch(/which was revoked: register it again under a live key/);
    expect((await endpointState(t, hook.id)).status).toBe('DISABLED');
    for (const id of [hook.id, other.id]) await endpointCall(t, 'deleteWebhookEndpoint', id, '');
  });

  it('counts the events still to deliver: those after the cursor of its types, none once caught up', async () => {
    const key = await apiKey(t, 'INTEGRATOR');
    const hook = await endpoint(t, { apiKeyId: key.id, url: receiver.url, eventTypes: ['PRODUCT_CHANGED'] });
    expect(await behind(hook.id)).toBe(0);
    await gqlOk(t.url, 'mutation($id: ID!) { disableWebhookEndpoint(id: $id) { id } }', { id: hook.id }, t.adminToken);
    await createProducts(t, 3, 'BEHIND');
    // Events of other types do not count: an account's creation is not for this endpoint.
    await account(t);
    expect(await behind(hook.id)).toBe(3);

    await endpointCall(t, 'enableWebhookEndpoint', hook.id);
    await eventually('the endpoint to catch up', async () => (await behind(hook.id)) === 0);
    expect(receiver.accepted.filter((r) => r.message.type === 'PRODUCT_CHANGED')).toHaveLength(3);
  });

  it('sends a signed test message outside the event stream and says how the receiver answered', async () => {
    const key = await apiKey(t, 'INTEGRATOR');
    const hook = await endpoint(t, { apiKeyId: key.id, url: receiver.url });
    const before = await endpointState(t, hook.id);
    const seen = receiver.requests.length;

    const ok = (await gqlOk(t.url, SEND_TEST, { id: hook.id }, t.adminToken)).sendTestWebhook;
    expect(ok).toMatchObject({ succeeded: true, statusCode: 200, error: null });
    expect(ok.messageId).toMatch(/^msg_[0-9a-f]{32}$/);
    const test = receiver.requests.slice(seen).find((r) => r.id === ok.messageId);
    expect(test?.message).toMatchObject({ type: 'webhook.test', data: { endpointId: hook.id } });
    // The official Standard Webhooks library accepts it with the endpoint's secret.
    expect(
      verifies(hook.secret, test!.body, {
        'webhook-id': test!.id,
        'webhook-timestamp': test!.timestamp,
        'webhook-signature': test!.signature,
      }),
    ).toBe(true);

    receiver.behaviour = 500;
    try {
      const refused = (await gqlOk(t.url, SEND_TEST, { id: hook.id }, t.adminToken)).sendTestWebhook;
      expect(refused).toMatchObject({ succeeded: false, statusCode: 500, error: 'answered HTTP 500' });
    } finally {
      receiver.behaviour = 200;
    }

    // Neither moved the cursor nor was logged as a delivery.
    const after = await endpointState(t, hook.id);
    expect(after.cursor).toBe(before.cursor);
    expect(after.deliveries.totalCount).toBe(before.deliveries.totalCount);
    const audit = await gqlOk(
      t.url,
      'query($id: String) { auditLog(subjectType: "WebhookEndpoint", subjectId: $id) { nodes { action actor } } }',
      { id: hook.id },
      t.adminToken,
    );
    expect(audit.auditLog.nodes.filter((n: { action: string }) => n.action === 'sendTestWebhook')).toHaveLength(2);
  });

  it('answers an unknown endpoint with NOT_FOUND and a malformed id with BAD_USER_INPUT; other roles may not send', async () => {
    expect(errorCode(await gql(t.url, SEND_TEST, { id: '999999' }, t.adminToken))).toBe('NOT_FOUND');
    expect(errorCode(await gql(t.url, SEND_TEST, { id: 'hook-1' }, t.adminToken))).toBe('BAD_USER_INPUT');
    const integrator = await t.apiKey('INTEGRATOR');
    expect(errorCode(await gql(t.url, SEND_TEST, { id: '1' }, integrator))).toBe('FORBIDDEN');
  });
});
