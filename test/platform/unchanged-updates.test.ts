import { gqlOk } from '../support/client';
import { account, publishedProduct } from '../support/factories';
import { relayed, startTestHub, type TestHub } from '../support/hub';
import { apiKey, endpoint, FAST_RETRIES } from '../webhooks/helpers';

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub(FAST_RETRIES);
});
afterAll(async () => t?.stop());

const auditOf = async (subjectType: string, subjectId: string): Promise<string[]> =>
  (
    await gqlOk(
      t.url,
      'query($type: String, $id: String) { auditLog(subjectType: $type, subjectId: $id, first: 100) { nodes { action } } }',
      { type: subjectType, id: subjectId },
      t.adminToken,
    )
  ).auditLog.nodes.map((n: { action: string }) => n.action);

const productEvents = async (productId: string): Promise<number> => {
  await relayed(t);
  const data = await gqlOk(
    t.url,
    'query { events(types: [PRODUCT_CHANGED], first: 500) { nodes { subjectId } } }',
    {},
    await t.apiKey('INTEGRATOR'),
  );
  return data.events.nodes.filter((e: { subjectId: string }) => e.subjectId === productId).length;
};

describe('an update that gives only the values already stored', () => {
  it('answers with the product as it stands: no new version, no PRODUCT_CHANGED, no audit entry', async () => {
    const product = await publishedProduct(t);
    const UPDATE =
      'mutation($id: ID!, $input: UpdateProductInput!, $v: Int!) { updateProduct(id: $id, input: $input, expectedVersion: $v) { name version } }';
    const { version, name } = (
      await gqlOk(t.url, '{ products(first: 500) { nodes { id name version } } }', {}, t.adminToken)
    ).products.nodes.find((p: { id: string }) => p.id === product.id);
    const [events, audit] = [await productEvents(product.id), await auditOf('Product', product.id)];

    const same = await gqlOk(t.url, UPDATE, { id: product.id, input: { name }, v: version }, t.adminToken);
    expect(same.updateProduct).toEqual({ name, version });
    expect(await productEvents(product.id)).toBe(events);
    expect(await auditOf('Product', product.id)).toEqual(audit);

    // A real change still makes a version, an event and an entry.
    const renamed = await gqlOk(t.url, UPDATE, { id: product.id, input: { name: `${name} 2` }, v: version }, t.adminToken);
    expect(renamed.updateProduct).toEqual({ name: `${name} 2`, version: version + 1 });
    expect(await productEvents(product.id)).toBe(events + 1);
    expect(await auditOf('Product', product.id)).toHaveLength(audit.length + 1);
  });

  it('writes no audit entry for an account, a user or a webhook endpoint left as they were', async () => {
    const a = await account(t, { email: 'same@example.com' });
    await gqlOk(
      t.url,
      'mutation($id: ID!, $input: UpdateAccountInput!) { updateAccount(id: $id, input: $input) { id } }',
      { id: a.id, input: { name: `Customer ${a.number}`, email: 'same@example.com', segment: 'RESIDENTIAL' } },
      t.adminToken,
    );
    expect(await auditOf('Account', a.id)).toEqual(['createAccount']);

    await t.userToken('OPERATOR', 'unchanged-operator');
    const { users } = await gqlOk(t.url, '{ users { id username displayName role active } }', {}, t.adminToken);
    const user = users.find((u: { username: string }) => u.username === 'unchanged-operator');
    await gqlOk(
      t.url,
      'mutation($id: ID!, $input: UpdateUserInput!) { updateUser(id: $id, input: $input) { id } }',
      { id: user.id, input: { displayName: user.displayName, role: user.role, active: true } },
      t.adminToken,
    );
    expect((await auditOf('User', user.id)).filter((action) => action !== 'login')).toEqual(['createUser']);

    const key = await apiKey(t, 'INTEGRATOR');
    const hook = await endpoint(t, {
      apiKeyId: key.id,
      url: 'http://127.0.0.1:9/hook',
      description: 'Same',
      eventTypes: ['PAYMENT_RECEIVED'],
    });
    await gqlOk(
      t.url,
      'mutation($id: ID!, $input: UpdateWebhookEndpointInput!) { updateWebhookEndpoint(id: $id, input: $input) { id } }',
      { id: hook.id, input: { url: 'http://127.0.0.1:9/hook', description: 'Same', eventTypes: ['PAYMENT_RECEIVED'] } },
      t.adminToken,
    );
    expect(await auditOf('WebhookEndpoint', hook.id)).toEqual(['createWebhookEndpoint']);
  });
});
