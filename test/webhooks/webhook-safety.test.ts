import { errorCode } from '../support/client';
import { startTestHub, type TestHub } from '../support/hub';
import { sql } from '../support/sql';
import { eventually } from '../support/wait';
import { WebhookReceiver } from '../support/webhook-receiver';
import { apiKey, createEndpoint, createProducts, endpoint, endpointState } from './helpers';

let t: TestHub;
let r: WebhookReceiver;

beforeAll(async () => {
  // As in production: HUB_WEBHOOK_ALLOW_PRIVATE is not set.
  t = await startTestHub({ HUB_WEBHOOK_RETRY_SCHEDULE: '0.05', HUB_WEBHOOK_TIMEOUT: '0.5' });
  r = await WebhookReceiver.start();
});
afterAll(async () => {
  await r.stop();
  await t.stop();
});

describe('webhook URLs that reach the hub’s own network', () => {
  it.each([
    'http://127.0.0.1:8080/hooks',
    'http://localhost/hooks',
    'http://[::1]/hooks',
    'http://10.0.0.5/hooks',
    'http://192.168.1.10/hooks',
    'http://172.20.0.1/hooks',
    'http://169.254.169.254/latest/meta-data/',
    'http://[fe80::1]/hooks',
    'http://224.0.0.1/hooks',
    'http://0x7f000001/hooks',
    'http://2130706433/hooks',
    'http://[::ffff:127.0.0.1]/hooks',
  ])('are refused at registration: %s', async (url) => {
    const key = await apiKey(t, 'INTEGRATOR');
    const result = await createEndpoint(t, { apiKeyId: key.id, url });
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0].message).toMatch(
      /^url refused: host \S+ (resolves to \S+, a loopback, private, link-local or multicast address|does not resolve); give a public address$/,
    );
  });

  it('are refused again at delivery, when a name that was public resolves to a private address (DNS rebinding)', async () => {
    const key = await apiKey(t, 'INTEGRATOR');
    // A public address is accepted; the name it is swapped for below now resolves to loopback, as a rebinding attacker would arrange.
    const byName = await endpoint(t, { apiKeyId: key.id, url: 'http://93.184.216.34:9/hooks', eventTypes: ['PRODUCT_CHANGED'] });
    const byAddress = await endpoint(t, { apiKeyId: key.id, url: 'http://93.184.216.34:9/other', eventTypes: ['PRODUCT_CHANGED'] });
    await sql(t, 'UPDATE webhook_endpoint SET url = ? WHERE id = ?', [`http://localhost:${r.port}/hooks`, Number(byName.id)]);
    await sql(t, 'UPDATE webhook_endpoint SET url = ? WHERE id = ?', [`http://127.0.0.1:${r.port}/hooks`, Number(byAddress.id)]);
    await createProducts(t, 1, 'REBIND');
    for (const id of [byName.id, byAddress.id]) {
      const failed = await eventually('a refused attempt', async () => {
        const state = await endpointState(t, id);
        return state.deliveries.totalCount > 0 ? state.deliveries.nodes[0] : undefined;
      });
      expect(failed).toMatchObject({
        succeeded: false,
        statusCode: null,
        error: expect.stringMatching(/^refused address (127\.0\.0\.1|::1) \(loopback, private, link-local or multicast\)$/),
      });
    }
    expect(r.requests).toHaveLength(0);
  });
});
