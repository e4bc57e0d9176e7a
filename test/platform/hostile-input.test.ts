import fc from 'fast-check';
import type { GraphQLField } from 'graphql';
import { getSchema } from '../../server/src/app/schema';
import { gql, gqlOk, type GqlResult } from '../support/client';
import { fingerprinter, type Fingerprinter } from '../support/db-fingerprint';
import { account, enroll, publishedProduct } from '../support/factories';
import { hostileArgs, mutationWith, type Pools } from '../support/hostile-values';
import { startTestHub, type TestHub } from '../support/hub';
import { checkMoneyAndStop } from '../support/money-invariants';
import { sql } from '../support/sql';
import { daysFromToday } from '../support/dates';

/**
 * Fixed, so that a failure reproduces (the report names the seed and path of
 * the failing run). HUB_FUZZ_SEED and HUB_FUZZ_RUNS explore further by hand.
 */
const SEED = Number(process.env.HUB_FUZZ_SEED ?? 20_261_122);
const RUNS_PER_MUTATION = Number(process.env.HUB_FUZZ_RUNS ?? 20);

/** Every code a refusal may carry. INTERNAL_SERVER_ERROR is the contract's too, but means the hub broke. */
const REFUSALS = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'CONFLICT',
  'IDEMPOTENCY_CONFLICT',
  'INVALID_STATE',
  'QUERY_TOO_COMPLEX',
  'RATE_LIMITED',
]);

/** What a client must never read in an answer: the database's or the runtime's own words. */
const LEAKS = /SQLITE_|\bER_[A-Z_]{3,}|QueryFailedError|TypeORM|\bSELECT\b.*\bFROM\b|\bINSERT INTO\b|\bUPDATE\b.*\bSET\b|\n\s+at /;

let t: TestHub;
let pools: Pools;
let prints: Fingerprinter;
/** The database's summary as the last call left it; null after a call that was accepted. */
let current: Record<string, string[]> | null = null;

const short = (value: unknown): string => {
  const text = JSON.stringify(value, (_k, v: unknown) =>
    typeof v === 'string' && v.length > 80 ? `${v.slice(0, 40)}...(${v.length} chars)` : v,
  );
  return text.length > 1500 ? `${text.slice(0, 1500)}...` : text;
};

/** Waits for runs answered with wait: false to finish, so that the next call starts from a still database. */
async function settle(): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const [{ n }] = await sql(
      t,
      "SELECT (SELECT COUNT(*) FROM bill_run WHERE status = 'RUNNING') + (SELECT COUNT(*) FROM collections_run WHERE status = 'RUNNING') AS n",
    );
    if (Number(n) === 0) return;
    if (Date.now() > deadline) throw new Error('a bill or collections run is still RUNNING 20 s after it was started');
    await new Promise((r) => setTimeout(r, 50));
  }
}

type Verdict = { accepted: true } | { accepted: false; problem?: string };

/** Sends one call and says whether it was accepted, and what is wrong with the answer if anything. */
async function judge(field: GraphQLField<unknown, unknown>, variables: Record<string, unknown>): Promise<Verdict> {
  const before = (current ??= await prints.take());
  let result: GqlResult;
  try {
    result = await gql(t.url, mutationWith(field, variables), variables, t.adminToken);
  } catch (error) {
    return { accepted: false, problem: `no JSON answer: ${String(error)}` };
  }
  const errors = result.errors ?? [];
  if (errors.length === 0) {
    if (!result.data || result.data[field.name] == null) return { accepted: false, problem: `neither data nor errors: ${short(result)}` };
    await settle();
    current = null;
    return { accepted: true };
  }
  const codes = [...new Set(errors.map((e) => e.extensions?.code ?? 'NO_CODE'))];
  const broken = errors.filter((e) => !REFUSALS.has(e.extensions?.code ?? 'NO_CODE'));
  if (broken.length > 0) return { accepted: false, problem: `answered ${codes.join(', ')}: ${short(broken)}` };
  const leaked = errors.find((e) => LEAKS.test(e.message));
  if (leaked) return { accepted: false, problem: `the message shows internals: ${short(leaked.message)}` };
  if (result.data?.[field.name] != null) return { accepted: false, problem: `refused with ${codes.join(', ')} but answered data too` };
  await settle();
  const after = await prints.take();
  current = after;
  const tables = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  const changed = tables.filter((table) => JSON.stringify(after[table]) !== JSON.stringify(before[table]));
  if (changed.length > 0) {
    const detail = changed.map((table) => `${table}: ${short(before[table])} -> ${short(after[table])}`).join('; ');
    return { accepted: false, problem: `refused with ${codes.join(', ')} (${short(errors[0].message)}) but changed ${detail}` };
  }
  return { accepted: false };
}

async function seed(): Promise<Pools> {
  const admin = t.adminToken;
  const product = await publishedProduct(
    t,
    {
      fixedCharge: '9.95',
      rates: [{ effectiveFrom: '2020-01-01', unitPrice: '0.10' }],
      promoCodes: [{ code: 'SAVE10', percentOff: '10', maxRedemptions: 2 }],
      incentives: [{ kind: 'GIFT_CARD', description: 'Welcome gift', value: '25.00' }],
    },
    '2020-01-01',
  );
  const draft = await gqlOk(
    t.url,
    'mutation($input: CreateProductInput!) { createProduct(input: $input) { id code } }',
    {
      input: {
        code: 'DRAFT1',
        name: 'Draft',
        unit: 'kWh',
        fixedCharge: '1.00',
        rates: [{ effectiveFrom: '2026-01-01', unitPrice: '0.2' }],
      },
    },
    admin,
  );
  await gqlOk(
    t.url,
    'mutation($input: BillingRulesInput!) { setBillingRules(input: $input) { segment } }',
    { input: { segment: 'HOLDME', highConsumptionFactor: '2', swingPercent: '50', maxInvoiceAmount: '1.00', paymentTermsDays: 21 } },
    admin,
  );
  const accounts = [
    await account(t, { number: 'FZ-1', segment: 'RESIDENTIAL' }),
    await account(t, { number: 'FZ-2', segment: 'VIP' }),
    await account(t, { number: 'FZ-3', segment: 'HIGH_RISK' }),
    await account(t, { number: 'FZ-4', segment: 'HOLDME' }),
  ];
  const unenrolled = await account(t, { number: 'FZ-5', segment: 'RESIDENTIAL' });
  for (const a of accounts) await enroll(t, a.id, product.code, '2020-01-01');
  await gqlOk(
    t.url,
    'mutation($reads: [UsageInput!]!) { recordUsage(reads: $reads) { accepted } }',
    {
      reads: [...accounts, unenrolled].flatMap((a) => [
        { accountNumber: a.number, periodStart: '2025-01-01', periodEnd: '2025-02-01', quantity: '100' },
        { accountNumber: a.number, periodStart: '2026-10-01', periodEnd: '2026-11-01', quantity: '300' },
      ]),
    },
    admin,
  );
  await gqlOk(t.url, 'mutation { runBilling(asOf: "2025-02-01") { id } }', {}, admin);
  const payment = await gqlOk(
    t.url,
    'mutation($input: RecordPaymentInput!) { recordPayment(input: $input) { id } }',
    { input: { accountNumber: 'FZ-1', amount: '5.00', channel: 'ACH', idempotencyKey: 'fuzz-pay-1' } },
    admin,
  );
  const plan = await gqlOk(
    t.url,
    'mutation($input: CreatePaymentPlanInput!) { createPaymentPlan(input: $input) { id } }',
    { input: { accountId: accounts[1].id, installments: 3, firstDueDate: daysFromToday(1) } },
    admin,
  );
  await gqlOk(
    t.url,
    'mutation($input: CreateWorkQueueInput!) { createWorkQueue(input: $input) { key } }',
    { input: { key: 'FUZZ_Q', name: 'Fuzz queue', slaMinutes: 600 } },
    admin,
  );
  const path = await gqlOk(
    t.url,
    'mutation($input: CollectionsPathInput!) { createCollectionsPath(input: $input) { id } }',
    {
      input: {
        name: 'High risk',
        segments: ['HIGH_RISK'],
        steps: [
          { name: 'Notice', daysPastDue: 1, minPastDue: '0', action: 'REMINDER', template: 'Pay {{pastDue}}' },
          { name: 'Fee', daysPastDue: 5, minPastDue: '1.00', action: 'LATE_FEE', feePercent: '5' },
          { name: 'Drop', daysPastDue: 10, minPastDue: '0', action: 'MARKET_DROP' },
        ],
      },
    },
    admin,
  );
  const key = await gqlOk(
    t.url,
    'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { apiKey { id } } }',
    { input: { name: 'Fuzz key', role: 'PARTNER' } },
    admin,
  );

  const ids = new Set<string>([
    product.id,
    draft.createProduct.id,
    ...accounts.map((a) => a.id),
    unenrolled.id,
    payment.recordPayment.id,
    plan.createPaymentPlan.id,
    path.createCollectionsPath.id,
    key.createApiKey.apiKey.id,
  ]);
  for (const table of ['invoice', 'work_item', 'billing_exception', 'collections_path']) {
    for (const row of await sql(t, `SELECT id FROM ${table}`)) ids.add(String(row.id));
  }
  return {
    ids: [...ids],
    strings: [
      ...accounts.map((a) => a.number),
      unenrolled.number,
      product.code,
      'DRAFT1',
      'SAVE10',
      'FUZZ_Q',
      'INVOICING',
      'INVOICE_REVIEW',
      'COLLECTIONS_CALLS',
      'MARKET_DROPS',
      'RESIDENTIAL',
      'VIP',
      'HIGH_RISK',
      'HOLDME',
      'fuzz-pay-1',
      'admin',
      'A reason',
      'Some name',
    ],
    byName: {
      accountNumber: [...accounts.map((a) => a.number), unenrolled.number],
      productCode: [product.code, 'DRAFT1'],
      promoCode: ['SAVE10'],
      code: [product.code, 'SAVE10'],
      key: ['FUZZ_Q', 'INVOICING', 'MARKET_DROPS'],
      queueKey: ['FUZZ_Q', 'COLLECTIONS_CALLS'],
      segment: ['RESIDENTIAL', 'VIP', 'HIGH_RISK', 'HOLDME'],
      segments: ['RESIDENTIAL', 'VIP', 'HIGH_RISK', 'HOLDME'],
      idempotencyKey: ['fuzz-pay-1', 'fuzz-pay-2'],
      username: ['admin', 'fuzzer'],
    },
  };
}

beforeAll(async () => {
  // Hundreds of calls in a row: the per-caller rate limit would answer most of them, and test nothing else.
  t = await startTestHub({ HUB_RATE_LIMIT_RPS: '0' });
  // Its timer could write an SLA breach between the two looks at the database around a refused call.
  await t.hub.slaSweeper.stop();
  // So could the render worker storing the bill of an invoice a moment ago's call issued.
  await t.hub.services.renderWorker.stop();
  pools = await seed();
  prints = await fingerprinter(t);
});
afterAll(async () => checkMoneyAndStop(t));

describe('hostile and boundary input to every mutation', () => {
  it('summarises every table of the database, so that any write shows', async () => {
    expect(prints.tables).toEqual(expect.arrayContaining(['account', 'audit_entry', 'invoice', 'payment', 'usage_read', 'work_item']));
    const still = await prints.take();
    expect(await prints.take()).toEqual(still);
    // A number nudged and put back; a status changed for one of the same length (ACTIVE to CLOSED) and put back.
    await sql(t, "UPDATE work_queue SET sla_minutes = sla_minutes + 1 WHERE queue_key = 'FUZZ_Q'");
    expect(await prints.take()).not.toEqual(still);
    await sql(t, "UPDATE work_queue SET sla_minutes = sla_minutes - 1 WHERE queue_key = 'FUZZ_Q'");
    await sql(t, "UPDATE account SET status = 'CLOSED' WHERE number = 'FZ-5'");
    expect(await prints.take()).not.toEqual(still);
    await sql(t, "UPDATE account SET status = 'ACTIVE' WHERE number = 'FZ-5'");
    expect(await prints.take()).toEqual(still);
  });

  it('answers each call with success or a contract refusal, never an internal error, and a refusal changes nothing', async () => {
    const schema = await getSchema();
    const fields = Object.values(schema.getMutationType()?.getFields() ?? {});
    expect(fields.length).toBeGreaterThan(30);
    const failures: string[] = [];
    const tally: Record<string, { accepted: number; refused: number }> = {};
    for (const [index, field] of fields.entries()) {
      tally[field.name] = { accepted: 0, refused: 0 };
      const outcome = await fc.check(
        fc.asyncProperty(hostileArgs(field, pools), async (variables) => {
          const verdict = await judge(field, variables);
          if (!verdict.accepted && verdict.problem) throw new Error(verdict.problem);
          tally[field.name][verdict.accepted ? 'accepted' : 'refused']++;
        }),
        // No shrinking: every run is a request against the same database, and the first counterexample says enough.
        { seed: SEED + index, numRuns: RUNS_PER_MUTATION, endOnFailure: true },
      );
      if (outcome.failed) {
        const reason = outcome.errorInstance instanceof Error ? outcome.errorInstance.message : String(outcome.errorInstance);
        failures.push(
          `${field.name} (seed ${outcome.seed}, path "${outcome.counterexamplePath}"): ${reason}\n  variables: ${short(outcome.counterexample?.[0])}`,
        );
      }
    }
    expect(failures).toEqual([]);
    // The generated input reaches real rows: many calls get through, not only refusals.
    const succeeded = Object.values(tally).reduce((sum, c) => sum + c.accepted, 0);
    expect(succeeded).toBeGreaterThan(fields.length);
  }, 300_000);
});
