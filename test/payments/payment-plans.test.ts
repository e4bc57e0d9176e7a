import { errorCode, gql, gqlOk } from '../support/client';
import { accountWithInvoices } from '../support/billing';
import { daysFromToday } from '../support/dates';
import { unique } from '../support/factories';
import { startTestHub, type TestHub } from '../support/hub';
import { checkMoneyAndStop } from '../support/money-invariants';
import { sql } from '../support/sql';
import { runCollections } from '../collections/helpers';

/** The plan that counts is the account's newest; a run checks every ACTIVE plan; a plan has no 0.00 installment. */
let t: TestHub;
let integrator: string;
beforeAll(async () => {
  t = await startTestHub();
  integrator = await t.apiKey('INTEGRATOR');
});
afterAll(async () => checkMoneyAndStop(t));

const CREATE =
  'mutation($input: CreatePaymentPlanInput!) { createPaymentPlan(input: $input) { id status total installments { dueDate amount status } } }';
const PLAN =
  'query($id: ID) { account(id: $id) { pastDue paymentPlan { id status installments { status } } collectionsActions { action asOf } } }';
const JANUARY = { start: '2026-01-01', end: '2026-02-01', kwh: 100 }; // 19.95, due 2026-02-22

async function pay(accountNumber: string, amount: string) {
  const input = { accountNumber, amount, channel: 'CARD', idempotencyKey: unique('pay') };
  return (await gqlOk(t.url, 'mutation($input: RecordPaymentInput!) { recordPayment(input: $input) { id } }', { input }, integrator))
    .recordPayment;
}

async function plan(accountId: string, installments: number, firstDueDate = daysFromToday(0)) {
  return (await gqlOk(t.url, CREATE, { input: { accountId, installments, firstDueDate } }, t.adminToken)).createPaymentPlan;
}

async function account(id: string) {
  return (await gqlOk(t.url, PLAN, { id }, t.adminToken)).account;
}

async function activePlans(accountId: string): Promise<string[]> {
  return (await sql(t, "SELECT id FROM payment_plan WHERE account_id = ? AND status = 'ACTIVE'", [accountId])).map((r) => String(r.id));
}

/**
 * Plan 1 is completed by payment p1; February's bill then goes unpaid and plan 2 spreads it, and
 * plan 2 ends (cancelled, or broken by a run); then p1 comes back returned.
 */
async function supersededPlan(end: 'cancel' | 'break') {
  const a = await accountWithInvoices(t, [JANUARY]);
  const first = await plan(a.id, 1);
  const p1 = await pay(a.number, '19.95');
  expect((await account(a.id)).paymentPlan).toMatchObject({ id: first.id, status: 'COMPLETED' });

  await gqlOk(
    t.url,
    'mutation($reads: [UsageInput!]!) { recordUsage(reads: $reads) { accepted } }',
    { reads: [{ accountNumber: a.number, periodStart: '2026-02-01', periodEnd: '2026-03-01', quantity: '110' }] },
    t.adminToken,
  );
  await gqlOk(t.url, 'mutation { runBilling(asOf: "2026-03-01") { id } }', {}, t.adminToken);
  const second = await plan(a.id, 2);
  expect(second.total).toBe('20.95');
  if (end === 'cancel') await gqlOk(t.url, 'mutation($id: ID!) { cancelPaymentPlan(id: $id) { id } }', { id: second.id }, t.adminToken);
  else await runCollections(t, daysFromToday(1));
  expect((await account(a.id)).paymentPlan).toMatchObject({ id: second.id, status: end === 'cancel' ? 'CANCELLED' : 'BROKEN' });

  await gqlOk(t.url, 'mutation($id: ID!) { reversePayment(id: $id, reason: "Chargeback") { id } }', { id: p1.id }, t.adminToken);
  return { a, first, second };
}

describe('the plan that counts is the newest', () => {
  it('a reversal never revives a completed plan that a cancelled one superseded, and collections see the debt', async () => {
    const { a, second } = await supersededPlan('cancel');
    const after = await account(a.id);
    expect(after).toMatchObject({ pastDue: '40.90', paymentPlan: { id: second.id, status: 'CANCELLED' } });
    expect(await activePlans(a.id)).toEqual([]);

    const asOf = daysFromToday(2);
    const run = await runCollections(t, asOf);
    expect(run.accountsEvaluated).toBeGreaterThanOrEqual(1);
    const taken = (await account(a.id)).collectionsActions.filter((x: { asOf: string }) => x.asOf === asOf);
    expect(taken.map((x: { action: string }) => x.action)).toEqual(['REMINDER', 'LETTER', 'LATE_FEE', 'CALL_REQUEST']);
  });

  it('nor one a broken plan superseded: a new plan can be made and is the one shown', async () => {
    const { a, second } = await supersededPlan('break');
    expect((await account(a.id)).paymentPlan).toMatchObject({ id: second.id, status: 'BROKEN' });
    expect(await activePlans(a.id)).toEqual([]);
    const third = await plan(a.id, 3);
    expect(third).toMatchObject({ status: 'ACTIVE' });
    expect((await account(a.id)).paymentPlan).toMatchObject({ id: third.id, status: 'ACTIVE' });
    expect(await activePlans(a.id)).toEqual([third.id]);
  });
});

describe('collections runs check every ACTIVE plan', () => {
  it('break a plan whose installment went unpaid even when nothing is past due on the run date', async () => {
    const a = await accountWithInvoices(t, [JANUARY]);
    const made = await plan(a.id, 2);
    // The invoice the plan spreads is voided (billed in error); the installments stay, and the first is not paid.
    await gqlOk(
      t.url,
      'mutation($id: ID!) { voidInvoice(id: $id, reason: "Billed in error") { status } }',
      { id: a.invoices[0].id },
      t.adminToken,
    );
    expect((await account(a.id)).pastDue).toBe('0.00');

    await runCollections(t, daysFromToday(1));
    const after = await account(a.id);
    expect(after.paymentPlan).toEqual({ id: made.id, status: 'BROKEN', installments: [{ status: 'MISSED' }, { status: 'DUE' }] });
    // Nothing past due: the broken plan resumes collections, which have nothing to do.
    expect(after.collectionsActions).toEqual([]);
    const broken = await gqlOk(t.url, '{ events(types: [PAYMENT_PLAN_BROKEN]) { nodes { subjectId accountNumber } } }', {}, t.adminToken);
    expect(broken.events.nodes).toContainEqual({ subjectId: made.id, accountNumber: a.number });
  });
});

describe('creating a plan', () => {
  it('refuses a first due date before today and installments of 0.00, saying what to fix, and creates nothing', async () => {
    const a = await accountWithInvoices(t, [JANUARY]);
    await pay(a.number, '19.90'); // 0.05 left, past due

    const yesterday = await gql(
      t.url,
      CREATE,
      { input: { accountId: a.id, installments: 1, firstDueDate: daysFromToday(-1) } },
      t.adminToken,
    );
    expect(errorCode(yesterday)).toBe('BAD_USER_INPUT');
    expect(yesterday.errors?.[0].message).toMatch(/firstDueDate .* today/);
    // Within 90 days: a plan that asks nothing for longer would hold collections on no promise.
    const far = await gql(t.url, CREATE, { input: { accountId: a.id, installments: 1, firstDueDate: daysFromToday(91) } }, t.adminToken);
    expect(errorCode(far)).toBe('BAD_USER_INPUT');
    expect(far.errors?.[0].message).toContain(`must fall due by ${daysFromToday(90)}`);

    const dust = await gql(t.url, CREATE, { input: { accountId: a.id, installments: 6, firstDueDate: daysFromToday(0) } }, t.adminToken);
    expect(errorCode(dust)).toBe('BAD_USER_INPUT');
    expect(dust.errors?.[0].message).toMatch(/0\.00.*at most 5/);

    expect((await account(a.id)).paymentPlan).toBeNull();
    expect(await sql(t, 'SELECT id FROM payment_plan WHERE account_id = ?', [a.id])).toEqual([]);

    // Five installments of 0.01 are fine, from today.
    const five = await plan(a.id, 5);
    expect(five.installments.map((i: { amount: string }) => i.amount)).toEqual(['0.01', '0.01', '0.01', '0.01', '0.01']);
    expect(five.installments[0].dueDate).toBe(daysFromToday(0));
  });
});
