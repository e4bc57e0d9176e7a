import fs from 'node:fs';
import path from 'node:path';
import { getNamedType, isObjectType, type GraphQLField, type GraphQLSchema } from 'graphql';
import { getSchema } from '../../server/src/app/schema';
import { errorCode, gql, gqlOk } from '../support/client';
import { account, enroll, publishedProduct, unique } from '../support/factories';
import { startTestHub, type TestHub } from '../support/hub';
import { checkMoneyAndStop } from '../support/money-invariants';
import { operationFor } from '../support/operations';
import { daysFromToday } from '../support/dates';

interface AuditEntry {
  id: string;
  at: string;
  actor: string;
  action: string;
  subjectType: string;
  subjectId: string;
  before: unknown;
  after: unknown;
}

interface AuditPage {
  nodes: AuditEntry[];
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
  totalCount: number;
}

/** One call of a mutation with input it accepts: the variables, who calls, and who the audit log must name. */
interface ValidCall {
  variables: Record<string, unknown>;
  token?: string | null;
  actor?: string;
}

/** What the scenario below prepared, for the calls to work on. */
interface World {
  productCode: string;
  owing: { id: string; number: string };
  heldForRelease: string;
  heldForVoid: string;
  blockedItem: string;
  dropping: { id: string; number: string };
  keeping: { id: string; number: string };
  pathId?: string;
  paymentId?: string;
  planId?: string;
  webhookId?: string;
  disputedInvoiceId?: string;
}

let t: TestHub;
let integrator: string;
let world: World;

const ENTRY_FIELDS = 'id at actor action subjectType subjectId before after';
const ADMIN = 'admin';
const INTEGRATOR_KEY = 'Payment processor';
/** Users with their roles, API keys with their names and the keys' webhook endpoints: what only admins may read. */
const ADMIN_ONLY = ['User', 'ApiKey', 'WebhookEndpoint'];
const CONSOLE_USER = { username: 'auditor', password: 'auditor-password-1' };

async function draftProduct(extra: Record<string, unknown> = {}): Promise<{ id: string; code: string }> {
  const code = unique('AUD');
  const data = await gqlOk(
    t.url,
    'mutation($input: CreateProductInput!) { createProduct(input: $input) { id code } }',
    { input: { code, name: `Product ${code}`, unit: 'kWh', fixedCharge: '4.00', ...extra } },
    t.adminToken,
  );
  return data.createProduct;
}

/** A draft product with one rate, one promo code and one incentive, and their ids. */
async function productParts(): Promise<{ rateId: string; promoId: string; incentiveId: string }> {
  const product = await draftProduct({
    rates: [{ effectiveFrom: '2020-01-01', unitPrice: '0.10' }],
    promoCodes: [{ code: 'SAVE10', percentOff: '10' }],
    incentives: [{ kind: 'GIFT_CARD', description: 'Gift card', value: '25.00' }],
  });
  const data = await gqlOk(
    t.url,
    'query($id: ID) { product(id: $id) { rates { id } promoCodes { id } incentives { id } } }',
    { id: product.id },
    t.adminToken,
  );
  return { rateId: data.product.rates[0].id, promoId: data.product.promoCodes[0].id, incentiveId: data.product.incentives[0].id };
}

async function auditorId(): Promise<string> {
  const data = await gqlOk(t.url, '{ users { id username } }', {}, t.adminToken);
  return data.users.find((u: { username: string }) => u.username === CONSOLE_USER.username).id;
}

async function usage(reads: Array<Record<string, unknown>>): Promise<void> {
  const data = await gqlOk(
    t.url,
    'mutation($reads: [UsageInput!]!) { recordUsage(reads: $reads) { accepted rejected { message } } }',
    { reads },
    t.adminToken,
  );
  expect(data.recordUsage.rejected).toEqual([]);
}

async function invoicesOf(accountId: string): Promise<Array<{ id: string; status: string }>> {
  const data = await gqlOk(
    t.url,
    'query($id: ID) { account(id: $id) { invoices { nodes { id status } } } }',
    { id: accountId },
    t.adminToken,
  );
  return data.account.invoices.nodes;
}

/**
 * A valid call for every mutation, in an order where each finds what it needs
 * (the path before it is assigned, the payment before it is reversed...). A
 * mutation missing here fails the coverage test below: add it with input it accepts.
 */
const VALID_CALLS: Array<[string, () => Promise<ValidCall>]> = [
  ['createUser', async () => ({ variables: { input: { ...CONSOLE_USER, displayName: 'Auditor', role: 'OPERATOR' } } })],
  ['login', async () => ({ variables: CONSOLE_USER, token: null, actor: CONSOLE_USER.username })],
  ['createApiKey', async () => ({ variables: { input: { name: 'Audit reader', role: 'INTEGRATOR' } } })],
  [
    'revokeApiKey',
    async () => {
      const data = await gqlOk(
        t.url,
        'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { apiKey { id } } }',
        { input: { name: 'Short-lived', role: 'PARTNER' } },
        t.adminToken,
      );
      return { variables: { id: data.createApiKey.apiKey.id } };
    },
  ],
  ['updateUser', async () => ({ variables: { id: await auditorId(), input: { displayName: 'Auditor (billing)' } } })],
  ['setUserPassword', async () => ({ variables: { id: await auditorId(), password: 'auditor-password-2' } })],
  [
    'changeMyPassword',
    async () => {
      const signedIn = await gqlOk(
        t.url,
        'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }',
        { u: CONSOLE_USER.username, p: 'auditor-password-2' },
        null,
      );
      return {
        variables: { currentPassword: 'auditor-password-2', newPassword: 'auditor-password-3' },
        token: signedIn.login.token,
        actor: CONSOLE_USER.username,
      };
    },
  ],

  ['createProduct', async () => ({ variables: { input: { code: unique('NEW'), name: 'New product', unit: 'kWh', fixedCharge: '1.00' } } })],
  ['updateProduct', async () => ({ variables: { id: (await draftProduct()).id, input: { name: 'Renamed' }, expectedVersion: 1 } })],
  [
    'addRate',
    async () => {
      const product = await draftProduct({ rates: [{ effectiveFrom: '2020-01-01', effectiveTo: '2030-01-01', unitPrice: '0.10' }] });
      return { variables: { productId: product.id, input: { effectiveFrom: '2030-01-01', unitPrice: '0.12' } } };
    },
  ],
  ['addPromoCode', async () => ({ variables: { productId: (await draftProduct()).id, input: { code: 'SAVE10', percentOff: '10' } } })],
  [
    'addIncentive',
    async () => ({
      variables: { productId: (await draftProduct()).id, input: { kind: 'GIFT_CARD', description: 'Gift card', value: '25.00' } },
    }),
  ],
  [
    'publishProduct',
    async () => ({
      variables: { id: (await draftProduct({ rates: [{ effectiveFrom: '2020-01-01', unitPrice: '0.10' }] })).id, salesStart: '2026-01-01' },
    }),
  ],
  ['retireProduct', async () => ({ variables: { id: (await publishedProduct(t)).id, salesEnd: '2030-01-01' } })],
  [
    'updateRate',
    async () => ({ variables: { id: (await productParts()).rateId, input: { effectiveFrom: '2020-01-01', unitPrice: '0.11' } } }),
  ],
  ['removeRate', async () => ({ variables: { id: (await productParts()).rateId } })],
  ['endRate', async () => ({ variables: { id: (await productParts()).rateId, effectiveTo: '2029-01-01' } })],
  ['updatePromoCode', async () => ({ variables: { id: (await productParts()).promoId, input: { code: 'SAVE15', percentOff: '15' } } })],
  ['deactivatePromoCode', async () => ({ variables: { id: (await productParts()).promoId } })],
  ['removeIncentive', async () => ({ variables: { id: (await productParts()).incentiveId } })],

  ['createAccount', async () => ({ variables: { input: { number: unique('NEWACC'), name: 'New customer', segment: 'RESIDENTIAL' } } })],
  ['updateAccount', async () => ({ variables: { id: (await account(t)).id, input: { email: 'someone@example.com' } } })],
  ['enroll', async () => ({ variables: { accountId: (await account(t)).id, productCode: world.productCode, startDate: '2020-01-01' } })],
  [
    'importAccounts',
    async () => ({ variables: { rows: [{ number: unique('IMPACC'), name: 'Imported customer', segment: 'RESIDENTIAL' }] } }),
  ],
  [
    'recordUsage',
    async () => ({
      variables: { reads: [{ accountNumber: world.owing.number, periodStart: '2025-02-01', periodEnd: '2025-03-01', quantity: '50' }] },
      token: integrator,
      actor: `apikey:${INTEGRATOR_KEY}`,
    }),
  ],
  [
    'cancelUsageRead',
    async () => {
      const mistaken = await account(t);
      await usage([{ accountNumber: mistaken.number, periodStart: '2025-02-01', periodEnd: '2025-03-01', quantity: '7' }]);
      const data = await gqlOk(
        t.url,
        'query($id: ID) { account(id: $id) { usageReads { nodes { id } } } }',
        { id: mistaken.id },
        t.adminToken,
      );
      return { variables: { id: data.account.usageReads.nodes[0].id, reason: 'Read of another meter' } };
    },
  ],

  [
    'setBillingRules',
    async () => ({
      variables: { input: { segment: 'COMMERCIAL', highConsumptionFactor: '3', swingPercent: '75', paymentTermsDays: 30 } },
    }),
  ],
  [
    'addTaxRate',
    async () => ({
      variables: {
        input: { zone: 'AUDIT', code: 'STATE', name: 'State tax', percent: '5', appliesTo: ['USAGE'], effectiveFrom: '2030-01-01' },
      },
    }),
  ],
  [
    'endTaxRate',
    async () => {
      const added = await gqlOk(
        t.url,
        'mutation($input: TaxRateInput!) { addTaxRate(input: $input) { id } }',
        { input: { zone: 'AUDIT_END', code: 'CITY', name: 'City tax', percent: '2', appliesTo: ['USAGE'], effectiveFrom: '2030-01-01' } },
        t.adminToken,
      );
      return { variables: { id: added.addTaxRate.id, effectiveTo: '2031-01-01' } };
    },
  ],
  ['runBilling', async () => ({ variables: { asOf: '2025-03-01' } })],
  ['setBranding', async () => ({ variables: { input: { name: 'Audited Energy', color: '#0B6E4F', footer: 'Thank you' } } })],
  ['releaseInvoice', async () => ({ variables: { id: world.heldForRelease, note: 'Checked with the customer' } })],
  ['voidInvoice', async () => ({ variables: { id: world.heldForVoid, reason: 'Meter misread' } })],

  [
    'recordPayment',
    async () => ({
      variables: { input: { accountNumber: world.owing.number, amount: '5.00', channel: 'ACH', idempotencyKey: unique('audit-pay') } },
      token: integrator,
      actor: `apikey:${INTEGRATOR_KEY}`,
    }),
  ],
  [
    'importRemittances',
    async () => ({
      variables: {
        channel: 'CHECK',
        lines: [
          { reference: unique('audit-remit'), amount: '3.00', accountNumber: world.owing.number },
          { reference: unique('audit-suspense'), amount: '4.00', accountNumber: 'NO-SUCH-ACCOUNT' },
        ],
      },
      token: integrator,
      actor: `apikey:${INTEGRATOR_KEY}`,
    }),
  ],
  [
    'applySuspensePayment',
    async () => {
      const data = await gqlOk(t.url, '{ suspensePayments(status: OPEN) { id } }', {}, t.adminToken);
      return { variables: { id: data.suspensePayments[0].id, accountNumber: world.owing.number } };
    },
  ],
  [
    'reversePayment',
    async () => {
      const data = await gqlOk(
        t.url,
        'mutation($input: RecordPaymentInput!) { recordPayment(input: $input) { id } }',
        { input: { accountNumber: world.owing.number, amount: '2.00', channel: 'CHECK', idempotencyKey: unique('audit-check') } },
        t.adminToken,
      );
      return { variables: { id: data.recordPayment.id, reason: 'Returned check' } };
    },
  ],
  [
    'createPaymentPlan',
    async () => ({ variables: { input: { accountId: world.owing.id, installments: 3, firstDueDate: daysFromToday(30) } } }),
  ],
  [
    'cancelPaymentPlan',
    async () => {
      const data = await gqlOk(
        t.url,
        'query($id: ID) { account(id: $id) { paymentPlan { id status } } }',
        { id: world.owing.id },
        t.adminToken,
      );
      expect(data.account.paymentPlan.status).toBe('ACTIVE');
      return { variables: { id: data.account.paymentPlan.id } };
    },
  ],

  [
    'creditInvoice',
    async () => {
      const issued = (await invoicesOf(world.owing.id)).find((i) => i.status === 'ISSUED' || i.status === 'PAID');
      const data = await gqlOk(t.url, 'query($id: ID!) { invoice(id: $id) { lines { id kind } } }', { id: issued?.id }, t.adminToken);
      const line = data.invoice.lines.find((l: { kind: string }) => l.kind === 'USAGE');
      return { variables: { input: { invoiceId: issued?.id, reason: 'Goodwill', items: [{ invoiceLineId: line.id, amount: '1.00' }] } } };
    },
  ],
  [
    'addCharge',
    async () => ({
      variables: { input: { accountId: (await account(t)).id, description: 'Meter test', amount: '15.00', taxable: false } },
    }),
  ],
  [
    'removePendingCharge',
    async () => {
      const data = await gqlOk(
        t.url,
        'mutation($input: AddChargeInput!) { addCharge(input: $input) { id } }',
        { input: { accountId: (await account(t)).id, description: 'By mistake', amount: '5.00', taxable: false } },
        t.adminToken,
      );
      return { variables: { id: data.addCharge.id } };
    },
  ],
  [
    'recordRefund',
    async () => {
      const customer = await account(t);
      await gqlOk(
        t.url,
        'mutation($input: RecordPaymentInput!) { recordPayment(input: $input) { id } }',
        { input: { accountNumber: customer.number, amount: '10.00', channel: 'CHECK', idempotencyKey: unique('audit-prepay') } },
        t.adminToken,
      );
      return {
        variables: { input: { accountNumber: customer.number, amount: '10.00', channel: 'ACH', idempotencyKey: unique('audit-refund') } },
      };
    },
  ],

  ['createWorkQueue', async () => ({ variables: { input: { key: 'AUDIT_DESK', name: 'Audit desk', slaMinutes: 60 } } })],
  ['updateWorkQueue', async () => ({ variables: { key: 'AUDIT_DESK', slaMinutes: 90 } })],
  ['claimWorkItem', async () => ({ variables: { id: world.blockedItem } })],
  ['addWorkItemNote', async () => ({ variables: { id: world.blockedItem, text: 'Customer moved in on the 3rd' } })],
  ['reassignWorkItem', async () => ({ variables: { id: world.blockedItem, userId: await auditorId() } })],
  ['resolveWorkItem', async () => ({ variables: { id: world.blockedItem, resolution: 'Enrollment added' } })],

  [
    'createCollectionsPath',
    async () => ({
      variables: {
        input: {
          name: 'Drop quickly',
          segments: ['AUDIT_DROP'],
          steps: [{ name: 'Drop', daysPastDue: 1, minPastDue: '0', action: 'MARKET_DROP' }],
        },
      },
    }),
  ],
  [
    'updateCollectionsPath',
    async () => {
      const data = await gqlOk(t.url, '{ collectionsPaths { id name } }', {}, t.adminToken);
      world.pathId = data.collectionsPaths.find((p: { name: string }) => p.name === 'Drop quickly').id;
      return {
        variables: {
          id: world.pathId,
          input: {
            name: 'Drop quickly (reviewed)',
            segments: ['AUDIT_DROP'],
            steps: [{ name: 'Drop', daysPastDue: 1, minPastDue: '0.01', action: 'MARKET_DROP' }],
          },
        },
      };
    },
  ],
  [
    'createWebhookEndpoint',
    async () => {
      const keys = await gqlOk(t.url, '{ apiKeys { id name } }', {}, t.adminToken);
      const key = keys.apiKeys.find((k: { name: string }) => k.name === INTEGRATOR_KEY);
      return { variables: { input: { apiKeyId: key.id, url: 'http://127.0.0.1:9/hooks', eventTypes: ['PAYMENT_RECEIVED'] } } };
    },
  ],
  [
    'updateWebhookEndpoint',
    async () => {
      const data = await gqlOk(t.url, '{ webhookEndpoints { id } }', {}, t.adminToken);
      world.webhookId = data.webhookEndpoints[0].id;
      return { variables: { id: world.webhookId, input: { description: 'Payment processor' } } };
    },
  ],
  ['rotateWebhookSecret', async () => ({ variables: { id: world.webhookId } })],
  ['disableWebhookEndpoint', async () => ({ variables: { id: world.webhookId } })],
  ['enableWebhookEndpoint', async () => ({ variables: { id: world.webhookId } })],
  ['replayWebhookEndpoint', async () => ({ variables: { id: world.webhookId, after: '0' } })],
  ['sendTestWebhook', async () => ({ variables: { id: world.webhookId } })],
  ['deleteWebhookEndpoint', async () => ({ variables: { id: world.webhookId } })],
  ['assignCollectionsPath', async () => ({ variables: { accountId: world.dropping.id, pathId: world.pathId } })],
  ['runCollections', async () => ({ variables: { asOf: '2025-06-01' } })],
  ['setRunSchedule', async () => ({ variables: { kind: 'COLLECTIONS', enabled: false, timeOfDay: '07:30' } })],
  [
    'confirmMarketDrop',
    async () => {
      const data = await gqlOk(t.url, 'query($id: ID) { account(id: $id) { status } }', { id: world.dropping.id }, t.adminToken);
      expect(data.account.status).toBe('DROP_PENDING');
      return { variables: { accountId: world.dropping.id } };
    },
  ],
  ['holdCollections', async () => ({ variables: { accountId: world.owing.id, until: daysFromToday(10), reason: 'Hardship review' } })],
  ['releaseCollectionsHold', async () => ({ variables: { accountId: world.owing.id } })],
  ['addBlackoutDate', async () => ({ variables: { date: '2031-01-01', reason: 'Ice storm' } })],
  ['removeBlackoutDate', async () => ({ variables: { date: '2031-01-01' } })],
  ['setAccountProtections', async () => ({ variables: { accountId: world.owing.id, protections: [{ code: 'MEDICAL' }] } })],
  [
    'decideProtectedStep',
    async () => {
      // The protected account on the path that drops at once: the run refers its drop to an operator.
      await gqlOk(
        t.url,
        'mutation($a: ID!, $p: ID) { assignCollectionsPath(accountId: $a, pathId: $p) { id } }',
        { a: world.owing.id, p: world.pathId },
        t.adminToken,
      );
      await gqlOk(t.url, 'mutation($d: Date!) { runCollections(asOf: $d) { id } }', { d: daysFromToday(1) }, t.adminToken);
      const data = await gqlOk(
        t.url,
        'query($id: ID) { account(id: $id) { workItems(first: 100) { nodes { id queue { key } } } } }',
        { id: world.owing.id },
        t.adminToken,
      );
      const item = data.account.workItems.nodes.find((i: { queue: { key: string } }) => i.queue.key === 'PROTECTED_ACCOUNTS');
      return { variables: { workItemId: item.id, take: false, reason: 'Medical certificate on file' } };
    },
  ],
  [
    'cancelMarketDrop',
    async () => {
      const data = await gqlOk(t.url, 'query($id: ID) { account(id: $id) { status } }', { id: world.keeping.id }, t.adminToken);
      expect(data.account.status).toBe('DROP_PENDING');
      return { variables: { accountId: world.keeping.id, reason: 'Paid at the counter' } };
    },
  ],
  [
    'resendDocument',
    async () => {
      // The render worker is stopped for this suite: its bills are rendered here, before the call, so their entries come first.
      await t.hub.services.renderWorker.runOnce();
      const issued = (await invoicesOf(world.owing.id)).find((i) => i.status === 'ISSUED' || i.status === 'PAID');
      const data = await gqlOk(t.url, 'query($id: ID!) { invoice(id: $id) { document { id } } }', { id: issued?.id }, t.adminToken);
      return { variables: { id: data.invoice.document.id } };
    },
  ],
  [
    'openDispute',
    async () => {
      const issued = (await invoicesOf(world.owing.id)).find((i) => i.status === 'ISSUED');
      world.disputedInvoiceId = issued?.id;
      return { variables: { invoiceId: issued?.id, reason: 'The customer says the meter was read twice' } };
    },
  ],
  [
    'resolveDispute',
    async () => {
      const data = await gqlOk(
        t.url,
        'query($id: ID!) { invoice(id: $id) { dispute { id } } }',
        { id: world.disputedInvoiceId },
        t.adminToken,
      );
      return { variables: { id: data.invoice.dispute.id, outcome: 'REJECTED', resolution: 'The meter was read once' } };
    },
  ],
];

function mutationFields(schema: GraphQLSchema): GraphQLField<unknown, unknown>[] {
  return Object.values(schema.getMutationType()?.getFields() ?? {});
}

/** The whole audit log through the API, newest first. */
async function wholeAuditLog(): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = [];
  let after: string | null = null;
  for (;;) {
    const data: { auditLog: AuditPage } = await gqlOk(
      t.url,
      `query($after: String) { auditLog(first: 500, after: $after) { nodes { ${ENTRY_FIELDS} } pageInfo { endCursor hasNextPage } totalCount } }`,
      { after },
      t.adminToken,
    );
    entries.push(...data.auditLog.nodes);
    if (!data.auditLog.pageInfo.hasNextPage) {
      expect(entries).toHaveLength(data.auditLog.totalCount);
      return entries;
    }
    after = data.auditLog.pageInfo.endCursor;
  }
}

async function newestAuditId(): Promise<bigint> {
  const data = await gqlOk(t.url, '{ auditLog(first: 1) { nodes { id } } }', {}, t.adminToken);
  return data.auditLog.nodes.length ? BigInt(data.auditLog.nodes[0].id) : 0n;
}

async function entriesAfter(id: bigint): Promise<AuditEntry[]> {
  const data = await gqlOk(t.url, `{ auditLog(first: 500) { nodes { ${ENTRY_FIELDS} } } }`, {}, t.adminToken);
  return (data.auditLog.nodes as AuditEntry[]).filter((e) => BigInt(e.id) > id);
}

beforeAll(async () => {
  // Webhook endpoints point at a local address that refuses connections.
  t = await startTestHub({ HUB_WEBHOOK_ALLOW_PRIVATE: '1' });
  // The render worker's own entries (storeDocument, by system) could be numbered before the log is read and committed after.
  await t.hub.services.renderWorker.stop();
  integrator = await t.apiKey('INTEGRATOR', INTEGRATOR_KEY);

  // A customer who owes, two whose invoices are held by a low ceiling, one billed without an enrollment, one to drop.
  const product = await publishedProduct(
    t,
    { fixedCharge: '9.95', rates: [{ effectiveFrom: '2020-01-01', unitPrice: '0.10' }] },
    '2020-01-01',
  );
  await gqlOk(
    t.url,
    'mutation($input: BillingRulesInput!) { setBillingRules(input: $input) { segment } }',
    { input: { segment: 'AUDIT_HOLD', highConsumptionFactor: '2', swingPercent: '50', maxInvoiceAmount: '1.00', paymentTermsDays: 21 } },
    t.adminToken,
  );
  const owing = await account(t);
  const release = await account(t, { segment: 'AUDIT_HOLD' });
  const voided = await account(t, { segment: 'AUDIT_HOLD' });
  const unenrolled = await account(t);
  const dropping = await account(t, { segment: 'AUDIT_DROP' });
  const keeping = await account(t, { segment: 'AUDIT_DROP' });
  for (const a of [owing, release, voided, dropping, keeping]) await enroll(t, a.id, product.code, '2020-01-01');
  await usage(
    [owing, release, voided, unenrolled, dropping, keeping].map((a) => ({
      accountNumber: a.number,
      periodStart: '2025-01-01',
      periodEnd: '2025-02-01',
      quantity: '100',
    })),
  );
  await gqlOk(t.url, 'mutation { runBilling(asOf: "2025-02-01") { status } }', {}, t.adminToken);
  const [heldForRelease] = await invoicesOf(release.id);
  const [heldForVoid] = await invoicesOf(voided.id);
  expect([heldForRelease.status, heldForVoid.status]).toEqual(['HELD', 'HELD']);
  const queue = await gqlOk(
    t.url,
    '{ workQueue(key: "INVOICING") { items(status: OPEN) { nodes { id kind account { id } } } } }',
    {},
    t.adminToken,
  );
  const blocked = queue.workQueue.items.nodes.find((i: { account: { id: string } }) => i.account.id === unenrolled.id);
  expect(blocked.kind).toBe('NO_ENROLLMENT');
  world = {
    productCode: product.code,
    owing,
    heldForRelease: heldForRelease.id,
    heldForVoid: heldForVoid.id,
    blockedItem: blocked.id,
    dropping,
    keeping,
  };
});
afterAll(async () => checkMoneyAndStop(t));

describe('the audit log', () => {
  it('has a valid call in this file for every mutation of the schema', async () => {
    const inSchema = mutationFields(await getSchema())
      .map((f) => f.name)
      .sort();
    const covered = VALID_CALLS.map(([name]) => name).sort();
    expect({ uncovered: inSchema.filter((n) => !covered.includes(n)), unknown: covered.filter((n) => !inSchema.includes(n)) }).toEqual({
      uncovered: [],
      unknown: [],
    });
    expect(new Set(covered).size).toBe(covered.length);
  });

  it('gets at least one new entry, naming the mutation and its caller, from every successful mutation, and only grows', async () => {
    const schema = await getSchema();
    const fields = new Map(mutationFields(schema).map((f) => [f.name, f]));
    const before = await wholeAuditLog();
    const problems: string[] = [];
    let called = 0;
    for (const [name, prepare] of VALID_CALLS) {
      const field = fields.get(name);
      if (!field) continue; // reported by the coverage test
      const call = await prepare();
      const since = await newestAuditId();
      const { query, variables } = operationFor('mutation', field, call.variables);
      const result = await gql(t.url, query, variables, call.token === undefined ? t.adminToken : call.token);
      called++;
      if (result.errors?.length) {
        problems.push(`${name}: the valid call failed with ${JSON.stringify(result.errors)}`);
        continue;
      }
      const added = await entriesAfter(since);
      const actor = call.actor ?? ADMIN;
      const own = added.filter((e) => e.action === name);
      if (own.length === 0) {
        problems.push(`${name}: no audit entry with action "${name}"; new entries: ${JSON.stringify(added.map((e) => e.action))}`);
      } else if (!own.some((e) => e.actor === actor)) {
        problems.push(`${name}: its audit entry names ${JSON.stringify(own.map((e) => e.actor))}, not the caller "${actor}"`);
      }
      for (const e of own) if (!e.subjectType || !e.subjectId) problems.push(`${name}: entry ${e.id} has no subject`);
    }
    expect(problems).toEqual([]);
    expect(called).toBe(fields.size);

    // Nothing the calls did changed or removed an entry that was there before them: the log only grew at its head.
    const after = await wholeAuditLog();
    expect(after.length).toBeGreaterThan(before.length);
    expect(after.slice(after.length - before.length)).toEqual(before);
    const oldest = before.length ? BigInt(before[0].id) : 0n;
    expect(after.slice(0, after.length - before.length).every((e) => BigInt(e.id) > oldest)).toBe(true);
  });

  it('offers no way to change or delete an entry: no mutation touches audit, and only the auditLog query reaches entries', async () => {
    const schema = await getSchema();
    const mutations = mutationFields(schema);
    expect(mutations.filter((f) => /audit/i.test(f.name)).map((f) => f.name)).toEqual([]);
    const auditTypes = new Set(['AuditEntry', 'AuditConnection']);
    expect(mutations.filter((f) => auditTypes.has(getNamedType(f.type).name)).map((f) => f.name)).toEqual([]);

    // Every field of every type that leads to audit entries: the auditLog query and the connection's own fields.
    const reaching: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      for (const field of Object.values(type.getFields())) {
        if (auditTypes.has(getNamedType(field.type).name)) reaching.push(`${type.name}.${field.name}`);
      }
    }
    expect(reaching.sort()).toEqual(['AuditConnection.nodes', 'Query.auditLog']);
    expect(schema.getQueryType()?.getFields().auditLog).toBeDefined();
    expect(Object.values(schema.getSubscriptionType()?.getFields() ?? {}).filter((f) => /audit/i.test(f.name))).toEqual([]);
  });

  it('is written by the transaction helper only: no server code updates or deletes an entry', () => {
    const root = path.resolve(__dirname, '../..');
    const files = (dir: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
        const full = path.join(dir, d.name);
        if (d.isDirectory()) return d.name === '__tests__' ? [] : files(full);
        return full.endsWith('.ts') ? [full] : [];
      });
    const touching = [...files(path.join(root, 'server/src')), ...files(path.join(root, 'migrations'))]
      .filter((f) => /AuditEntry|audit_entry/.test(fs.readFileSync(f, 'utf8')))
      .map((f) => path.relative(root, f))
      .sort();
    // The entity, its read-only service, resolver and visibility rules, the registry, the migrations that create the
    // table and collate its identifier columns, the one that reads it to record who started the runs already stored, the
    // customer timeline that reads who recorded each payment, and the one writer: Database.transaction's insert in the
    // command's own transaction.
    expect(touching).toEqual([
      'migrations/1763800000000-Platform.ts',
      'migrations/1796500003000-BinaryIdentifiers.ts',
      'migrations/1796502400000-Runs.ts',
      'server/src/app/entities.ts',
      'server/src/db/audit-entry.entity.ts',
      'server/src/db/database.ts',
      'server/src/modules/audit/audit-visibility.ts',
      'server/src/modules/audit/audit.resolver.ts',
      'server/src/modules/audit/audit.service.ts',
      'server/src/modules/timeline/timeline-sources.ts',
    ]);
    for (const reader of ['server/src/modules/audit/audit.service.ts', 'server/src/modules/timeline/timeline-sources.ts']) {
      expect(fs.readFileSync(path.join(root, reader), 'utf8')).not.toMatch(/\.(save|insert|update|delete|remove|softDelete|query)\(/);
    }
  });
});

describe('who reads which audit entries', () => {
  const SECRET_KEY_NAME = 'Clearing house feed';

  async function logAs(token: string, subjectType?: string): Promise<AuditPage> {
    const data = await gqlOk(
      t.url,
      `query($type: String) { auditLog(first: 500, subjectType: $type) { nodes { ${ENTRY_FIELDS} } pageInfo { hasNextPage } totalCount } }`,
      { type: subjectType ?? null },
      token,
    );
    return data.auditLog;
  }

  it('shows users, API keys and sign-ins to admins only; other readers see that an API key acted, not which', async () => {
    // Something of each kind: a user created and signed in, a key created and revoked, a key that records a payment.
    const operator = await t.userToken('OPERATOR', 'reader.operator');
    const feed = await t.apiKey('INTEGRATOR', SECRET_KEY_NAME);
    await gqlOk(
      t.url,
      'mutation($input: RecordPaymentInput!) { recordPayment(input: $input) { id } }',
      { input: { accountNumber: world.owing.number, amount: '1.00', channel: 'ACH', idempotencyKey: unique('reader-pay') } },
      feed,
    );
    const admin = await logAs(t.adminToken);
    const adminSees = admin.nodes.map((e) => `${e.subjectType}:${e.action}`);
    expect(adminSees).toEqual(expect.arrayContaining(['User:createUser', 'User:login', 'ApiKey:createApiKey', 'Payment:recordPayment']));
    expect(admin.nodes.find((e) => e.action === 'recordPayment' && e.actor === `apikey:${SECRET_KEY_NAME}`)).toBeDefined();
    expect(JSON.stringify(admin.nodes)).toContain('reader.operator');

    for (const [role, token] of [
      ['OPERATOR', operator],
      ['INTEGRATOR', integrator],
    ] as const) {
      const page = await logAs(token);
      expect({ role, hasNextPage: page.pageInfo.hasNextPage }).toEqual({ role, hasNextPage: false });
      // Whatever is left out is left out of the count too.
      expect({ role, count: page.totalCount }).toEqual({ role, count: page.nodes.length });
      expect({
        role,
        about: page.nodes.filter((e) => ADMIN_ONLY.includes(e.subjectType) || e.action === 'login'),
      }).toEqual({
        role,
        about: [],
      });
      const text = JSON.stringify(page.nodes);
      for (const secret of [SECRET_KEY_NAME, INTEGRATOR_KEY, 'reader.operator', '"role":"OPERATOR"', '"role":"ADMIN"']) {
        expect({ role, leaks: text.includes(secret) ? secret : null }).toEqual({ role, leaks: null });
      }
      // The payment the key recorded is there, its actor a key without a name; the rest of the log is the admin's, entry for entry.
      expect(page.nodes.filter((e) => e.action === 'recordPayment').map((e) => e.actor)).toContain('apikey');
      const visible = admin.nodes.filter((e) => !ADMIN_ONLY.includes(e.subjectType));
      expect(page.nodes.map((e) => e.id)).toEqual(visible.map((e) => e.id));

      for (const subjectType of ADMIN_ONLY) {
        const asked = await gql(t.url, '{ auditLog(subjectType: "' + subjectType + '") { totalCount } }', {}, token);
        expect({ role, subjectType, code: errorCode(asked) }).toEqual({ role, subjectType, code: 'FORBIDDEN' });
        expect(asked.errors?.[0].message).toMatch(/for admins only/);
      }
    }
    expect(errorCode(await gql(t.url, '{ auditLog { totalCount } }', {}, await t.apiKey('PARTNER')))).toBe('FORBIDDEN');
    expect((await logAs(t.adminToken, 'User')).totalCount).toBeGreaterThanOrEqual(3);
  });
});
