import { gql, gqlOk } from '../support/client';
import { account, publishedProduct, unique } from '../support/factories';
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

describe("an update of a product's part, a collections path or a work queue that gives the values already stored", () => {
  const PRODUCT = 'query($id: ID!) { product(id: $id) { version rates { id } promoCodes { id } } }';
  const productNow = async (id: string) => (await gqlOk(t.url, PRODUCT, { id }, t.adminToken)).product;

  it('answers a rate or promo code left as it was with the product as it stands', async () => {
    const rate = { effectiveFrom: '2025-01-01', unitPrice: '0.1325' };
    const promo = { code: unique('SAME'), description: 'Ten off', percentOff: '10', validFrom: '2026-01-01', maxRedemptions: 5 };
    const product = await publishedProduct(t, { promoCodes: [promo] });
    const before = await productNow(product.id);
    const [events, audit] = [await productEvents(product.id), await auditOf('Product', product.id)];
    const UPDATE_RATE =
      'mutation($id: ID!, $input: RateInput!, $v: Int) { updateRate(id: $id, input: $input, expectedVersion: $v) { version } }';
    const UPDATE_PROMO =
      'mutation($id: ID!, $input: PromoCodeInput!, $v: Int) { updatePromoCode(id: $id, input: $input, expectedVersion: $v) { version } }';

    const sameRate = await gqlOk(t.url, UPDATE_RATE, { id: before.rates[0].id, input: rate, v: before.version }, t.adminToken);
    expect(sameRate.updateRate.version).toBe(before.version);
    const samePromo = await gqlOk(t.url, UPDATE_PROMO, { id: before.promoCodes[0].id, input: promo }, t.adminToken);
    expect(samePromo.updatePromoCode.version).toBe(before.version);
    expect(await productEvents(product.id)).toBe(events);
    expect(await auditOf('Product', product.id)).toEqual(audit);

    // A stale expectedVersion is still refused, and a real change still makes a version, an event and an entry.
    const stale = await gql(t.url, UPDATE_RATE, { id: before.rates[0].id, input: rate, v: before.version - 1 }, t.adminToken);
    expect(stale.errors?.[0].extensions?.code).toBe('CONFLICT');
    const repriced = await gqlOk(t.url, UPDATE_RATE, { id: before.rates[0].id, input: { ...rate, unitPrice: '0.14' } }, t.adminToken);
    expect(repriced.updateRate.version).toBe(before.version + 1);
    const changed = await gqlOk(t.url, UPDATE_PROMO, { id: before.promoCodes[0].id, input: { ...promo, maxRedemptions: 6 } }, t.adminToken);
    expect(changed.updatePromoCode.version).toBe(before.version + 2);
    expect(await productEvents(product.id)).toBe(events + 2);
    expect(await auditOf('Product', product.id)).toHaveLength(audit.length + 2);
  });

  it('keeps a collections path given as it stands, with its step ids, and writes no audit entry', async () => {
    const input = {
      name: 'Unchanged path',
      segments: [unique('SEG').replace(/-/g, '_')],
      steps: [
        { name: 'Reminder', daysPastDue: 3, minPastDue: '5.00', action: 'REMINDER', template: 'Please pay {{pastDue}}' },
        { name: 'Fee', daysPastDue: 10, minPastDue: '5.00', action: 'LATE_FEE', feeAmount: '7.50', noticeStepPosition: 1, noticeDays: 5 },
      ],
    };
    const PATH = '{ id active isDefault steps { id position } }';
    const created = (
      await gqlOk(
        t.url,
        `mutation($input: CollectionsPathInput!) { createCollectionsPath(input: $input) ${PATH} }`,
        { input },
        t.adminToken,
      )
    ).createCollectionsPath;
    const UPDATE = `mutation($id: ID!, $input: CollectionsPathInput!) { updateCollectionsPath(id: $id, input: $input) ${PATH} }`;

    const same = await gqlOk(t.url, UPDATE, { id: created.id, input: { ...input, active: true, isDefault: false } }, t.adminToken);
    expect(same.updateCollectionsPath).toEqual(created);
    expect(await auditOf('CollectionsPath', created.id)).toEqual(['createCollectionsPath']);

    const renamed = await gqlOk(t.url, UPDATE, { id: created.id, input: { ...input, name: 'Renamed path' } }, t.adminToken);
    expect(renamed.updateCollectionsPath.steps.map((s: { id: string }) => s.id)).not.toEqual(
      created.steps.map((s: { id: string }) => s.id),
    );
    expect(await auditOf('CollectionsPath', created.id)).toEqual(['updateCollectionsPath', 'createCollectionsPath']);
  });

  it('writes no audit entry for a work queue given its own name and SLA', async () => {
    const key = unique('SAMEQ').replace(/-/g, '_').slice(0, 32);
    const queue = (
      await gqlOk(
        t.url,
        'mutation($input: CreateWorkQueueInput!) { createWorkQueue(input: $input) { id key name slaMinutes } }',
        { input: { key, name: 'Same queue', slaMinutes: 60 } },
        t.adminToken,
      )
    ).createWorkQueue;
    const UPDATE =
      'mutation($key: String!, $name: String, $sla: Int) { updateWorkQueue(key: $key, name: $name, slaMinutes: $sla) { id key name slaMinutes } }';
    expect((await gqlOk(t.url, UPDATE, { key, name: 'Same queue', sla: 60 }, t.adminToken)).updateWorkQueue).toEqual(queue);
    expect(await auditOf('WorkQueue', queue.id)).toEqual(['createWorkQueue']);
    expect((await gqlOk(t.url, UPDATE, { key, sla: 90 }, t.adminToken)).updateWorkQueue.slaMinutes).toBe(90);
    expect(await auditOf('WorkQueue', queue.id)).toEqual(['updateWorkQueue', 'createWorkQueue']);
  });
});
