import type { GraphQLField, GraphQLObjectType } from 'graphql';
import { getSchema } from '../../server/src/app/schema';
import { gql, subscribe, wsClient } from '../support/client';
import { ADMIN_PASSWORD, startTestHub, type TestHub } from '../support/hub';
import { operationFor } from '../support/operations';

type Caller = 'ADMIN' | 'OPERATOR' | 'INTEGRATOR' | 'PARTNER' | 'ANONYMOUS';
const CALLERS: Caller[] = ['ADMIN', 'OPERATOR', 'INTEGRATOR', 'PARTNER', 'ANONYMOUS'];

// DESIGN.md's role table, spelled out per root field.
const ADMIN: Caller[] = ['ADMIN'];
const OPERATE: Caller[] = ['ADMIN', 'OPERATOR'];
const READ: Caller[] = ['ADMIN', 'OPERATOR', 'INTEGRATOR'];
const INGEST: Caller[] = ['ADMIN', 'OPERATOR', 'INTEGRATOR'];
const CATALOG: Caller[] = ['ADMIN', 'OPERATOR', 'INTEGRATOR', 'PARTNER'];
const SIGNED_IN: Caller[] = ['ADMIN', 'OPERATOR', 'INTEGRATOR', 'PARTNER'];
const EVERYONE: Caller[] = CALLERS;

const EXPECTED: Record<string, Caller[]> = {
  'Query.me': SIGNED_IN,
  'Query.products': READ,
  'Query.product': CATALOG,
  'Query.availableProducts': CATALOG,
  'Query.accounts': READ,
  'Query.account': READ,
  'Query.invoices': READ,
  'Query.invoice': READ,
  'Query.billingExceptions': READ,
  'Query.billRun': READ,
  'Query.billingRules': READ,
  'Query.taxRates': READ,
  'Query.payment': READ,
  'Query.collectionsPaths': READ,
  'Query.collectionsRun': READ,
  'Query.workQueues': READ,
  'Query.workQueue': READ,
  'Query.workItem': READ,
  'Query.workItems': READ,
  'Query.events': READ,
  'Query.kpis': READ,
  'Query.auditLog': READ,

  'Mutation.login': EVERYONE,
  'Query.users': ADMIN,
  'Query.apiKeys': ADMIN,
  'Mutation.createUser': ADMIN,
  'Mutation.createApiKey': ADMIN,
  'Mutation.revokeApiKey': ADMIN,
  'Query.webhookEndpoints': ADMIN,
  'Mutation.createWebhookEndpoint': ADMIN,
  'Mutation.updateWebhookEndpoint': ADMIN,
  'Mutation.enableWebhookEndpoint': ADMIN,
  'Mutation.disableWebhookEndpoint': ADMIN,
  'Mutation.deleteWebhookEndpoint': ADMIN,
  'Mutation.rotateWebhookSecret': ADMIN,
  'Mutation.replayWebhookEndpoint': ADMIN,
  'Mutation.sendTestWebhook': ADMIN,
  'Mutation.createProduct': OPERATE,
  'Mutation.updateProduct': OPERATE,
  'Mutation.addRate': OPERATE,
  'Mutation.addPromoCode': OPERATE,
  'Mutation.addIncentive': OPERATE,
  'Mutation.publishProduct': OPERATE,
  'Mutation.retireProduct': OPERATE,
  'Mutation.createAccount': OPERATE,
  'Mutation.updateAccount': OPERATE,
  'Mutation.enroll': OPERATE,
  'Mutation.recordUsage': INGEST,
  'Mutation.runBilling': OPERATE,
  'Mutation.setBillingRules': OPERATE,
  'Mutation.addTaxRate': OPERATE,
  'Mutation.endTaxRate': OPERATE,
  'Mutation.releaseInvoice': OPERATE,
  'Mutation.voidInvoice': OPERATE,
  'Mutation.recordPayment': INGEST,
  'Mutation.reversePayment': OPERATE,
  'Mutation.importRemittances': INGEST,
  'Mutation.createPaymentPlan': OPERATE,
  'Mutation.cancelPaymentPlan': OPERATE,
  'Mutation.createCollectionsPath': OPERATE,
  'Mutation.updateCollectionsPath': OPERATE,
  'Mutation.assignCollectionsPath': OPERATE,
  'Mutation.runCollections': OPERATE,
  'Mutation.confirmMarketDrop': OPERATE,
  'Mutation.createWorkQueue': OPERATE,
  'Mutation.claimWorkItem': OPERATE,
  'Mutation.addWorkItemNote': OPERATE,
  'Mutation.resolveWorkItem': OPERATE,
  'Mutation.reassignWorkItem': ADMIN,
  'Mutation.cancelMarketDrop': OPERATE,
  'Mutation.updateUser': ADMIN,
  'Mutation.setUserPassword': ADMIN,
  'Mutation.changeMyPassword': SIGNED_IN,

  'Subscription.events': READ,
  'Subscription.exceptionRaised': READ,
  'Subscription.paymentReceived': READ,
  'Subscription.workItemChanged': READ,
  'Subscription.productChanged': CATALOG,
  'Subscription.billRunProgress': READ,
  'Subscription.collectionsRunProgress': READ,
};

/**
 * Fields beyond the contract follow DESIGN.md's general rule: integrators read
 * every query and subscription, and changes are for operators. A field that
 * needs another rule belongs in EXPECTED.
 */
const DEFAULT_FOR: Record<'Query' | 'Mutation' | 'Subscription', Caller[]> = { Query: READ, Mutation: OPERATE, Subscription: READ };

function expectedFor(root: 'Query' | 'Mutation' | 'Subscription', field: string): Caller[] {
  return EXPECTED[`${root}.${field}`] ?? DEFAULT_FOR[root];
}

/** Arguments that must be real for an allowed call to get past the auth check at all. */
const OVERRIDES: Record<string, Record<string, unknown>> = {
  'Mutation.login': { username: 'admin', password: ADMIN_PASSWORD },
};

function fieldsOf(type: GraphQLObjectType | null | undefined): GraphQLField<unknown, unknown>[] {
  return type ? Object.values(type.getFields()) : [];
}

/** Every error code in what a subscription reported (graphql-ws delivers a failed start as an array). */
function codesOf(errors: unknown[]): string[] {
  return errors.flat().map((e) => String((e as { extensions?: { code?: string } } | null)?.extensions?.code ?? 'NO_CODE'));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let t: TestHub;
const tokens: Partial<Record<Caller, string | null>> = {};

beforeAll(async () => {
  t = await startTestHub();
  for (const role of ['ADMIN', 'OPERATOR', 'INTEGRATOR', 'PARTNER'] as const) tokens[role] = await t.apiKey(role);
  tokens.ANONYMOUS = null;
});
afterAll(async () => t?.stop());

describe('who may call which root field over HTTP', () => {
  it('covers the whole emitted schema, contract fields included', async () => {
    const schema = await getSchema();
    const names = [
      ...fieldsOf(schema.getQueryType()).map((f) => `Query.${f.name}`),
      ...fieldsOf(schema.getMutationType()).map((f) => `Mutation.${f.name}`),
      ...fieldsOf(schema.getSubscriptionType()).map((f) => `Subscription.${f.name}`),
    ];
    expect(names).toEqual(
      expect.arrayContaining(['Query.me', 'Query.events', 'Mutation.login', 'Mutation.createApiKey', 'Subscription.events']),
    );
  });

  it.each(CALLERS)('answers %s as the role table says, for every query and mutation', async (caller) => {
    const schema = await getSchema();
    const roots = [
      ['Query', 'query', fieldsOf(schema.getQueryType())],
      ['Mutation', 'mutation', fieldsOf(schema.getMutationType())],
    ] as const;
    const mismatches: string[] = [];
    let checked = 0;
    for (const [root, kind, fields] of roots) {
      for (const field of fields) {
        const coordinate = `${root}.${field.name}`;
        const allowed = expectedFor(root, field.name).includes(caller);
        const { query, variables } = operationFor(kind, field, OVERRIDES[coordinate]);
        const result = await gql(t.url, query, variables, tokens[caller]);
        const codes = (result.errors ?? []).map((e) => e.extensions?.code ?? 'NO_CODE');
        const want = caller === 'ANONYMOUS' ? 'UNAUTHENTICATED' : 'FORBIDDEN';
        const ok = allowed
          ? !codes.includes('FORBIDDEN') && !codes.includes('UNAUTHENTICATED')
          : codes.length > 0 && codes.every((c) => c === want);
        if (!ok) mismatches.push(`${coordinate}: expected ${allowed ? 'allowed' : want}, got ${codes.join(',') || 'data'} for ${query}`);
        checked++;
      }
    }
    expect(mismatches).toEqual([]);
    expect(checked).toBeGreaterThan(0);
  });
});

describe('who may subscribe to what over graphql-ws', () => {
  it.each(['ADMIN', 'OPERATOR', 'INTEGRATOR', 'PARTNER'] as const)(
    'starts every allowed subscription for %s and refuses the others with FORBIDDEN',
    async (caller) => {
      const schema = await getSchema();
      const client = wsClient(t.url, tokens[caller] ?? null);
      const mismatches: string[] = [];
      const fields = fieldsOf(schema.getSubscriptionType());
      await Promise.all(
        fields.map(async (field) => {
          const allowed = expectedFor('Subscription', field.name).includes(caller);
          const { query, variables } = operationFor('subscription', field);
          const sub = subscribe(client, query, variables);
          const outcome = await Promise.race([sub.done.then(() => 'ended'), sleep(300).then(() => 'open')]);
          const codes = codesOf(sub.errors);
          // An allowed subscription runs, or refuses only the dummy argument (billRunProgress of a run that does not exist).
          const refusedDummy = outcome === 'ended' && codes.length > 0 && codes.every((c) => c === 'NOT_FOUND' || c === 'BAD_USER_INPUT');
          if (allowed && !refusedDummy && (outcome !== 'open' || codes.length > 0)) {
            mismatches.push(`${field.name}: expected a live stream, got ${outcome} with ${codes.join(',') || 'no error'}`);
          }
          if (!allowed && !(outcome === 'ended' && codes.length > 0 && codes.every((c) => c === 'FORBIDDEN'))) {
            mismatches.push(`${field.name}: expected FORBIDDEN, got ${outcome} with ${codes.join(',') || 'no error'}`);
          }
          sub.stop();
        }),
      );
      await client.dispose();
      expect(mismatches).toEqual([]);
      expect(fields.length).toBeGreaterThan(0);
    },
  );

  it('closes an anonymous socket with 4403 whatever it subscribes to', async () => {
    const schema = await getSchema();
    for (const field of fieldsOf(schema.getSubscriptionType())) {
      let closeCode = 0;
      const client = wsClient(t.url, null, { onClose: (code) => (closeCode = code) });
      const { query, variables } = operationFor('subscription', field);
      const sub = subscribe(client, query, variables);
      await sub.done;
      expect({ field: field.name, values: sub.values, closeCode }).toEqual({ field: field.name, values: [], closeCode: 4403 });
      await client.dispose();
    }
  });
});
