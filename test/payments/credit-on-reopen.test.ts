import { gqlOk } from '../support/client';
import { accountWithInvoices } from '../support/billing';
import { daysFromToday } from '../support/dates';
import { startTestHub, type TestHub } from '../support/hub';
import { checkMoneyAndStop } from '../support/money-invariants';
import { unique } from '../support/factories';
import { runCollections } from '../collections/helpers';

/**
 * A reversal reopens the invoices the payment paid; the account's unapplied
 * credit goes to them at once, oldest due first, so credit never sits beside
 * an amount due and collections never chase money the customer has paid.
 */
let t: TestHub;
let integrator: string;
beforeAll(async () => {
  t = await startTestHub();
  integrator = await t.apiKey('INTEGRATOR');
});
afterAll(async () => checkMoneyAndStop(t));

const STATE = `query($id: ID) { account(id: $id) { balance pastDue daysPastDue collectionsActions { action }
  invoices(first: 10) { nodes { id status amountPaid amountDue dueDate } } } }`;
const PAYMENT = 'query($id: ID!) { payment(id: $id) { status unapplied allocations { amount invoice { id } } } }';
const REVERSE = 'mutation($id: ID!) { reversePayment(id: $id, reason: "Check returned") { status } }';

async function pay(accountNumber: string, amount: string) {
  const input = { accountNumber, amount, channel: 'CHECK', idempotencyKey: unique('pay') };
  return (
    await gqlOk(t.url, 'mutation($input: RecordPaymentInput!) { recordPayment(input: $input) { id unapplied } }', { input }, integrator)
  ).recordPayment;
}

async function state(id: string) {
  return (await gqlOk(t.url, STATE, { id }, t.adminToken)).account;
}

describe('reversing a payment beside unapplied credit', () => {
  it('pays the reopened invoice with the credit at once: nothing past due, and collections take no action', async () => {
    // 450 kWh x 0.10 + 9.95 = 54.95, due 2026-02-22.
    const a = await accountWithInvoices(t, [{ start: '2026-01-01', end: '2026-02-01', kwh: 450 }]);
    const invoice = a.invoices[0];
    expect(invoice.total).toBe('54.95');
    const first = await pay(a.number, '54.95');
    const second = await pay(a.number, '54.95');
    expect(second.unapplied).toBe('54.95');

    await gqlOk(t.url, REVERSE, { id: first.id }, t.adminToken);

    const after = await state(a.id);
    expect(after).toMatchObject({ balance: '0.00', pastDue: '0.00', daysPastDue: 0 });
    expect(after.invoices.nodes).toEqual([
      expect.objectContaining({ id: invoice.id, status: 'PAID', amountPaid: '54.95', amountDue: '0.00' }),
    ]);
    expect((await gqlOk(t.url, PAYMENT, { id: second.id }, t.adminToken)).payment).toEqual({
      status: 'APPLIED',
      unapplied: '0.00',
      allocations: [{ amount: '54.95', invoice: { id: invoice.id } }],
    });
    const reversed = await gqlOk(t.url, '{ events(types: [PAYMENT_REVERSED]) { nodes { subjectId payload } } }', {}, t.adminToken);
    expect(reversed.events.nodes).toEqual([
      expect.objectContaining({
        subjectId: first.id,
        payload: expect.objectContaining({ reapplied: [{ paymentId: second.id, invoiceId: invoice.id, amount: '54.95' }] }),
      }),
    ]);

    // The customer owes nothing: no reminder, letter, fee, call or drop, whatever the day.
    for (const asOf of ['2026-03-10', '2026-05-01', daysFromToday(0)]) {
      expect(await runCollections(t, asOf)).toMatchObject({ status: 'COMPLETED', accountsEvaluated: 0, actionsTaken: 0 });
    }
    expect((await state(a.id)).collectionsActions).toEqual([]);
  });

  it('spreads the credit over several reopened invoices oldest due first', async () => {
    // 19.95 due 2026-02-22 and 20.95 due 2026-03-22.
    const a = await accountWithInvoices(t, [
      { start: '2026-01-01', end: '2026-02-01', kwh: 100 },
      { start: '2026-02-01', end: '2026-03-01', kwh: 110 },
    ]);
    const [older, newer] = a.invoices;
    const both = await pay(a.number, '40.90');
    const credit = await pay(a.number, '25.00');
    expect(credit.unapplied).toBe('25.00');

    await gqlOk(t.url, REVERSE, { id: both.id }, t.adminToken);

    const after = await state(a.id);
    const byId = new Map(after.invoices.nodes.map((i: { id: string }) => [i.id, i]));
    expect(byId.get(older.id)).toMatchObject({ status: 'PAID', amountDue: '0.00' });
    expect(byId.get(newer.id)).toMatchObject({ status: 'ISSUED', amountPaid: '5.05', amountDue: '15.90' });
    // What is still owed is past due since the newer invoice's due date only.
    expect(after).toMatchObject({ balance: '15.90', pastDue: '15.90' });
    expect(after.daysPastDue).toBe(
      Math.round((Date.parse(`${daysFromToday(0)}T00:00:00Z`) - Date.parse(`${newer.dueDate}T00:00:00Z`)) / 86_400_000),
    );
    expect((await gqlOk(t.url, PAYMENT, { id: credit.id }, t.adminToken)).payment).toMatchObject({ unapplied: '0.00' });
  });
});
