import { DocumentViews } from '../../server/src/modules/documents/document-views';
import { refund } from '../credits/helpers';
import { gqlOk } from '../support/client';
import { account, enroll, publishedProduct, unique } from '../support/factories';
import { startTestHub, type TestHub } from '../support/hub';
import { checkMoneyAndStop } from '../support/money-invariants';
import { customer, invoices, record, run, segments } from '../usage/corrections-support';
import { addedUp, drawnBill, summaryOf } from './bill-summary';

/** What a customer's bill says of the account: figures that add up, and usage charted once, in its own month. */
let t: TestHub;
let open: string;

beforeAll(async () => {
  t = await startTestHub();
  ({ open } = await segments(t));
});
afterAll(() => checkMoneyAndStop(t));

const PAY = 'mutation($input: RecordPaymentInput!) { recordPayment(input: $input) { id } }';
const REVERSE = 'mutation($id: ID!) { reversePayment(id: $id, reason: "Check returned") { status } }';

async function pay(accountNumber: string, amount: string, receivedAt?: string): Promise<string> {
  const input = { accountNumber, amount, channel: 'CHECK', idempotencyKey: unique('pay'), receivedAt };
  return (await gqlOk(t.url, PAY, { input }, t.adminToken)).recordPayment.id;
}

async function bill(a: { id: string }, index: number) {
  const words = await drawnBill(t, (await invoices(t, a.id))[index].id);
  return { words, summary: summaryOf(words) };
}

describe('the account summary', () => {
  it('starts a first bill from 0.00 when what was paid before it was refunded, and shows the refund', async () => {
    const a = await customer(t, open);
    await pay(a.number, '50.00', '2026-11-15T10:00:00Z');
    expect((await refund(t, a.number, '50.00')).errors).toBeUndefined();
    await record(t, [{ accountNumber: a.number, periodStart: '2026-11-01', periodEnd: '2026-12-01', quantity: '100' }]);
    await run(t, '2026-12-01');
    const { words, summary } = await bill(a, 0);
    // 100 kWh x 0.10 + 9.95 = 19.95, owed in full: the 50.00 went back to the customer before any invoice took it.
    expect(summary).toEqual({
      previousBalance: 0,
      moves: {
        'Payments since your last bill': -5000,
        'Returned payments': null,
        'Refunds since your last bill': 5000,
        'Credits since your last bill': null,
      },
      newCharges: 1995,
      amountDue: 1995,
      stubDue: 1995,
    });
    expect(addedUp(summary)).toBe(summary.amountDue);
    expect(words).toContain('Refunds since your last bill +50.00');
  });

  it("starts each bill from the previous bill's amount due: a payment on its issue day, and one returned later, each on one bill", async () => {
    const a = await customer(t, open);
    await record(t, [{ accountNumber: a.number, periodStart: '2026-01-01', periodEnd: '2026-02-01', quantity: '200' }]);
    await run(t, '2026-02-01');
    const january = await bill(a, 0);
    expect(january.summary).toMatchObject({ previousBalance: 0, newCharges: 2995, amountDue: 2995 });

    // Received on January's issue day, after its bill was drawn: January's bill does not count it, so February's does.
    const sameDay = await pay(a.number, '10.00', '2026-02-01T18:00:00Z');
    // Paid and returned before the next bill: it never counted, and no bill shows it.
    await gqlOk(t.url, REVERSE, { id: await pay(a.number, '7.00') }, t.adminToken);
    await record(t, [{ accountNumber: a.number, periodStart: '2026-02-01', periodEnd: '2026-03-01', quantity: '100' }]);
    await run(t, '2026-03-01');
    const february = await bill(a, 1);
    expect(february.summary).toMatchObject({
      previousBalance: 2995,
      moves: { 'Payments since your last bill': -1000, 'Returned payments': null },
      newCharges: 1995,
      // 29.95 - 10.00 + 19.95
      amountDue: 3990,
    });
    expect(addedUp(february.summary)).toBe(february.summary.amountDue);

    // The 10.00 February's bill counted comes back: March's bill owes it again.
    await gqlOk(t.url, REVERSE, { id: sameDay }, t.adminToken);
    await record(t, [{ accountNumber: a.number, periodStart: '2026-03-01', periodEnd: '2026-04-01', quantity: '50' }]);
    await run(t, '2026-04-01');
    const march = await bill(a, 2);
    expect(march.summary).toMatchObject({
      previousBalance: 3990,
      moves: { 'Payments since your last bill': 0, 'Returned payments': 1000 },
      newCharges: 1495,
      // 39.90 + 10.00 + 14.95
      amountDue: 6485,
    });
    expect(addedUp(march.summary)).toBe(march.summary.amountDue);
    expect(march.words).toContain('Returned payments +10.00');
  });

  it('states a credit balance when what was paid is more than is owed, with nothing to pay on the stub', async () => {
    const a = await customer(t, open);
    await pay(a.number, '100.00');
    await record(t, [{ accountNumber: a.number, periodStart: '2026-01-01', periodEnd: '2026-02-01', quantity: '200' }]);
    await run(t, '2026-02-01');
    const { words, summary } = await bill(a, 0);
    // 0.00 - 100.00 + 29.95: 70.05 in credit.
    expect(summary).toMatchObject({ previousBalance: 0, newCharges: 2995, amountDue: -7005, stubDue: 0 });
    expect(addedUp(summary)).toBe(summary.amountDue);
    expect(words).toContain('Credit balance -70.05');
  });
});

describe('the lines', () => {
  it('leaves off a fixed charge of 0.00', async () => {
    const product = await publishedProduct(
      t,
      { fixedCharge: '0.00', rates: [{ effectiveFrom: '2020-01-01', unitPrice: '0.10' }] },
      '2020-01-01',
    );
    const a = await account(t, { segment: open });
    await enroll(t, a.id, product.code, '2020-01-01');
    await record(t, [{ accountNumber: a.number, periodStart: '2026-01-01', periodEnd: '2026-02-01', quantity: '80' }]);
    await run(t, '2026-02-01');
    const [invoice] = await invoices(t, a.id);
    expect(invoice.lines.map((l) => [l.kind, l.amount])).toEqual([
      ['USAGE', '8.00'],
      ['FIXED', '0.00'],
    ]);
    const { words } = await bill(a, 0);
    expect(words).not.toContain('Fixed charges');
    expect(words).not.toContain('fixed charge');
    expect(words).toContain('Total new charges 8.00');
  });
});

describe('the usage chart', () => {
  const views = () => new DocumentViews(t.hub.db, t.hub.services.branding, t.hub.services.config.timezone);
  const months = (bars: Array<{ month: string; quantity: number }>) =>
    Object.fromEntries(bars.filter((b) => b.quantity > 0).map((b) => [b.month, b.quantity]));

  it('charts a corrected month in that month, in place of the estimate, not in the month of the rebill', async () => {
    const a = await customer(t, open);
    await record(t, [{ accountNumber: a.number, periodStart: '2026-08-01', periodEnd: '2026-09-01', quantity: '850', estimated: true }]);
    await run(t, '2026-09-01');
    // The actual August read replaces the estimate (its invoice gets a credit note) and is billed with September.
    await record(t, [
      { accountNumber: a.number, periodStart: '2026-08-01', periodEnd: '2026-09-01', quantity: '900' },
      { accountNumber: a.number, periodStart: '2026-09-01', periodEnd: '2026-10-01', quantity: '700' },
    ]);
    await run(t, '2026-10-01');
    const rebill = (await invoices(t, a.id))[1];
    expect(rebill.lines.some((l) => /Corrects/.test(l.description))).toBe(true);
    expect(months((await views().bill(rebill.id)).usage)).toEqual({ '2026-08': 900, '2026-09': 700 });
    expect((await bill(a, 1)).words).toContain('Highest month: 900 kWh');
  });

  it('charts an invoice credited in full and billed again once', async () => {
    const a = await customer(t, open);
    await record(t, [{ accountNumber: a.number, periodStart: '2026-06-01', periodEnd: '2026-07-01', quantity: '100.05' }]);
    await run(t, '2026-07-01');
    const [first] = await invoices(t, a.id);
    await gqlOk(
      t.url,
      'mutation($input: CreditInvoiceInput!) { creditInvoice(input: $input) { id } }',
      { input: { invoiceId: first.id, reason: 'Rate was wrong; bill again', rebill: true } },
      t.adminToken,
    );
    await run(t, '2026-07-02');
    const again = (await invoices(t, a.id))[1];
    expect(months((await views().bill(again.id)).usage)).toEqual({ '2026-06': 100.05 });
    expect((await bill(a, 1)).words).toContain('Highest month: 100 kWh');
  });
});
