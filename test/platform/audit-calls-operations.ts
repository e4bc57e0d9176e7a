/** Valid calls of the accounts, billing, payments, collections, webhooks and runs mutations, in the order they need. */
import { gqlOk } from '../support/client';
import { account, unique } from '../support/factories';
import { daysFromToday } from '../support/dates';
import { auditorId, INTEGRATOR_KEY, invoicesOf, scene, usage, type ValidCall } from './audit-scene';

export const OPERATION_CALLS: Array<[string, () => Promise<ValidCall>]> = [
  ['createAccount', async () => ({ variables: { input: { number: unique('NEWACC'), name: 'New customer', segment: 'RESIDENTIAL' } } })],
  ['updateAccount', async () => ({ variables: { id: (await account(scene.t)).id, input: { email: 'someone@example.com' } } })],
  [
    'enroll',
    async () => ({ variables: { accountId: (await account(scene.t)).id, productCode: scene.world.productCode, startDate: '2020-01-01' } }),
  ],
  [
    'importAccounts',
    async () => ({ variables: { rows: [{ number: unique('IMPACC'), name: 'Imported customer', segment: 'RESIDENTIAL' }] } }),
  ],
  [
    'recordUsage',
    async () => ({
      variables: {
        reads: [{ accountNumber: scene.world.owing.number, periodStart: '2025-02-01', periodEnd: '2025-03-01', quantity: '50' }],
      },
      token: scene.integrator,
      actor: `apikey:${INTEGRATOR_KEY}`,
    }),
  ],
  [
    'cancelUsageRead',
    async () => {
      const mistaken = await account(scene.t);
      await usage([{ accountNumber: mistaken.number, periodStart: '2025-02-01', periodEnd: '2025-03-01', quantity: '7' }]);
      const data = await gqlOk(
        scene.t.url,
        'query($id: ID) { account(id: $id) { usageReads { nodes { id } } } }',
        { id: mistaken.id },
        scene.t.adminToken,
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
        scene.t.url,
        'mutation($input: TaxRateInput!) { addTaxRate(input: $input) { id } }',
        { input: { zone: 'AUDIT_END', code: 'CITY', name: 'City tax', percent: '2', appliesTo: ['USAGE'], effectiveFrom: '2030-01-01' } },
        scene.t.adminToken,
      );
      return { variables: { id: added.addTaxRate.id, effectiveTo: '2031-01-01' } };
    },
  ],
  ['runBilling', async () => ({ variables: { asOf: '2025-03-01' } })],
  ['setBranding', async () => ({ variables: { input: { name: 'Audited Energy', color: '#0B6E4F', footer: 'Thank you' } } })],
  ['releaseInvoice', async () => ({ variables: { id: scene.world.heldForRelease, note: 'Checked with the customer' } })],
  ['voidInvoice', async () => ({ variables: { id: scene.world.heldForVoid, reason: 'Meter misread' } })],

  [
    'recordPayment',
    async () => ({
      variables: {
        input: { accountNumber: scene.world.owing.number, amount: '5.00', channel: 'ACH', idempotencyKey: unique('audit-pay') },
      },
      token: scene.integrator,
      actor: `apikey:${INTEGRATOR_KEY}`,
    }),
  ],
  [
    'importRemittances',
    async () => ({
      variables: {
        channel: 'CHECK',
        lines: [
          { reference: unique('audit-remit'), amount: '3.00', accountNumber: scene.world.owing.number },
          { reference: unique('audit-suspense'), amount: '4.00', accountNumber: 'NO-SUCH-ACCOUNT' },
        ],
      },
      token: scene.integrator,
      actor: `apikey:${INTEGRATOR_KEY}`,
    }),
  ],
  [
    'applySuspensePayment',
    async () => {
      const data = await gqlOk(scene.t.url, '{ suspensePayments(status: OPEN) { id } }', {}, scene.t.adminToken);
      return { variables: { id: data.suspensePayments[0].id, accountNumber: scene.world.owing.number } };
    },
  ],
  [
    'reversePayment',
    async () => {
      const data = await gqlOk(
        scene.t.url,
        'mutation($input: RecordPaymentInput!) { recordPayment(input: $input) { id } }',
        { input: { accountNumber: scene.world.owing.number, amount: '2.00', channel: 'CHECK', idempotencyKey: unique('audit-check') } },
        scene.t.adminToken,
      );
      return { variables: { id: data.recordPayment.id, reason: 'Returned check' } };
    },
  ],
  [
    'createPaymentPlan',
    async () => ({ variables: { input: { accountId: scene.world.owing.id, installments: 3, firstDueDate: daysFromToday(30) } } }),
  ],
  [
    'cancelPaymentPlan',
    async () => {
      const data = await gqlOk(
        scene.t.url,
        'query($id: ID) { account(id: $id) { paymentPlan { id status } } }',
        { id: scene.world.owing.id },
        scene.t.adminToken,
      );
      expect(data.account.paymentPlan.status).toBe('ACTIVE');
      return { variables: { id: data.account.paymentPlan.id } };
    },
  ],

  [
    'creditInvoice',
    async () => {
      const issued = (await invoicesOf(scene.world.owing.id)).find((i) => i.status === 'ISSUED' || i.status === 'PAID');
      const data = await gqlOk(
        scene.t.url,
        'query($id: ID!) { invoice(id: $id) { lines { id kind } } }',
        { id: issued?.id },
        scene.t.adminToken,
      );
      const line = data.invoice.lines.find((l: { kind: string }) => l.kind === 'USAGE');
      return { variables: { input: { invoiceId: issued?.id, reason: 'Goodwill', items: [{ invoiceLineId: line.id, amount: '1.00' }] } } };
    },
  ],
  [
    'addCharge',
    async () => ({
      variables: { input: { accountId: (await account(scene.t)).id, description: 'Meter test', amount: '15.00', taxable: false } },
    }),
  ],
  [
    'removePendingCharge',
    async () => {
      const data = await gqlOk(
        scene.t.url,
        'mutation($input: AddChargeInput!) { addCharge(input: $input) { id } }',
        { input: { accountId: (await account(scene.t)).id, description: 'By mistake', amount: '5.00', taxable: false } },
        scene.t.adminToken,
      );
      return { variables: { id: data.addCharge.id } };
    },
  ],
  [
    'recordRefund',
    async () => {
      const customer = await account(scene.t);
      await gqlOk(
        scene.t.url,
        'mutation($input: RecordPaymentInput!) { recordPayment(input: $input) { id } }',
        { input: { accountNumber: customer.number, amount: '10.00', channel: 'CHECK', idempotencyKey: unique('audit-prepay') } },
        scene.t.adminToken,
      );
      return {
        variables: { input: { accountNumber: customer.number, amount: '10.00', channel: 'ACH', idempotencyKey: unique('audit-refund') } },
      };
    },
  ],

  ['createWorkQueue', async () => ({ variables: { input: { key: 'AUDIT_DESK', name: 'Audit desk', slaMinutes: 60 } } })],
  ['updateWorkQueue', async () => ({ variables: { key: 'AUDIT_DESK', slaMinutes: 90 } })],
  ['claimWorkItem', async () => ({ variables: { id: scene.world.blockedItem } })],
  ['addWorkItemNote', async () => ({ variables: { id: scene.world.blockedItem, text: 'Customer moved in on the 3rd' } })],
  ['reassignWorkItem', async () => ({ variables: { id: scene.world.blockedItem, userId: await auditorId() } })],
  ['resolveWorkItem', async () => ({ variables: { id: scene.world.blockedItem, resolution: 'Enrollment added' } })],

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
      const data = await gqlOk(scene.t.url, '{ collectionsPaths { id name } }', {}, scene.t.adminToken);
      scene.world.pathId = data.collectionsPaths.find((p: { name: string }) => p.name === 'Drop quickly').id;
      return {
        variables: {
          id: scene.world.pathId,
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
      const keys = await gqlOk(scene.t.url, '{ apiKeys { id name } }', {}, scene.t.adminToken);
      const key = keys.apiKeys.find((k: { name: string }) => k.name === INTEGRATOR_KEY);
      return { variables: { input: { apiKeyId: key.id, url: 'http://127.0.0.1:9/hooks', eventTypes: ['PAYMENT_RECEIVED'] } } };
    },
  ],
  [
    'updateWebhookEndpoint',
    async () => {
      const data = await gqlOk(scene.t.url, '{ webhookEndpoints { id } }', {}, scene.t.adminToken);
      scene.world.webhookId = data.webhookEndpoints[0].id;
      return { variables: { id: scene.world.webhookId, input: { description: 'Payment processor' } } };
    },
  ],
  ['rotateWebhookSecret', async () => ({ variables: { id: scene.world.webhookId } })],
  ['disableWebhookEndpoint', async () => ({ variables: { id: scene.world.webhookId } })],
  ['enableWebhookEndpoint', async () => ({ variables: { id: scene.world.webhookId } })],
  ['replayWebhookEndpoint', async () => ({ variables: { id: scene.world.webhookId, after: '0' } })],
  ['sendTestWebhook', async () => ({ variables: { id: scene.world.webhookId } })],
  ['deleteWebhookEndpoint', async () => ({ variables: { id: scene.world.webhookId } })],
  ['assignCollectionsPath', async () => ({ variables: { accountId: scene.world.dropping.id, pathId: scene.world.pathId } })],
  ['runCollections', async () => ({ variables: { asOf: '2025-06-01' } })],
  ['setRunSchedule', async () => ({ variables: { kind: 'COLLECTIONS', enabled: false, timeOfDay: '07:30' } })],
  [
    'confirmMarketDrop',
    async () => {
      const data = await gqlOk(
        scene.t.url,
        'query($id: ID) { account(id: $id) { status } }',
        { id: scene.world.dropping.id },
        scene.t.adminToken,
      );
      expect(data.account.status).toBe('DROP_PENDING');
      return { variables: { accountId: scene.world.dropping.id } };
    },
  ],
  [
    'holdCollections',
    async () => ({ variables: { accountId: scene.world.owing.id, until: daysFromToday(10), reason: 'Hardship review' } }),
  ],
  ['releaseCollectionsHold', async () => ({ variables: { accountId: scene.world.owing.id } })],
  ['addBlackoutDate', async () => ({ variables: { date: '2031-01-01', reason: 'Ice storm' } })],
  ['removeBlackoutDate', async () => ({ variables: { date: '2031-01-01' } })],
  ['setAccountProtections', async () => ({ variables: { accountId: scene.world.owing.id, protections: [{ code: 'MEDICAL' }] } })],
  [
    'decideProtectedStep',
    async () => {
      // The protected account on the path that drops at once: the run refers its drop to an operator.
      await gqlOk(
        scene.t.url,
        'mutation($a: ID!, $p: ID) { assignCollectionsPath(accountId: $a, pathId: $p) { id } }',
        { a: scene.world.owing.id, p: scene.world.pathId },
        scene.t.adminToken,
      );
      await gqlOk(scene.t.url, 'mutation($d: Date!) { runCollections(asOf: $d) { id } }', { d: daysFromToday(1) }, scene.t.adminToken);
      const data = await gqlOk(
        scene.t.url,
        'query($id: ID) { account(id: $id) { workItems(first: 100) { nodes { id queue { key } } } } }',
        { id: scene.world.owing.id },
        scene.t.adminToken,
      );
      const item = data.account.workItems.nodes.find((i: { queue: { key: string } }) => i.queue.key === 'PROTECTED_ACCOUNTS');
      return { variables: { workItemId: item.id, take: false, reason: 'Medical certificate on file' } };
    },
  ],
  [
    'cancelMarketDrop',
    async () => {
      const data = await gqlOk(
        scene.t.url,
        'query($id: ID) { account(id: $id) { status } }',
        { id: scene.world.keeping.id },
        scene.t.adminToken,
      );
      expect(data.account.status).toBe('DROP_PENDING');
      return { variables: { accountId: scene.world.keeping.id, reason: 'Paid at the counter' } };
    },
  ],
  [
    'resendDocument',
    async () => {
      // The render worker is stopped for this suite: its bills are rendered here, before the call, so their entries come first.
      await scene.t.hub.services.renderWorker.runOnce();
      const issued = (await invoicesOf(scene.world.owing.id)).find((i) => i.status === 'ISSUED' || i.status === 'PAID');
      const data = await gqlOk(
        scene.t.url,
        'query($id: ID!) { invoice(id: $id) { document { id } } }',
        { id: issued?.id },
        scene.t.adminToken,
      );
      return { variables: { id: data.invoice.document.id } };
    },
  ],
  [
    'openDispute',
    async () => {
      const issued = (await invoicesOf(scene.world.owing.id)).find((i) => i.status === 'ISSUED');
      scene.world.disputedInvoiceId = issued?.id;
      return { variables: { invoiceId: issued?.id, reason: 'The customer says the meter was read twice' } };
    },
  ],
  [
    'resolveDispute',
    async () => {
      const data = await gqlOk(
        scene.t.url,
        'query($id: ID!) { invoice(id: $id) { dispute { id } } }',
        { id: scene.world.disputedInvoiceId },
        scene.t.adminToken,
      );
      return { variables: { id: data.invoice.dispute.id, outcome: 'REJECTED', resolution: 'The meter was read once' } };
    },
  ],
];
