import { createPath, RUN as RUN_COLLECTIONS } from '../collections/helpers';
import { errorCode, gql, gqlOk } from '../support/client';
import { account, enroll, publishedProduct, unique } from '../support/factories';
import { startTestHub, type TestHub } from '../support/hub';
import { checkMoneyAndStop } from '../support/money-invariants';
import {
  billsOf,
  creditLines,
  pendingCredit,
  recordUsage,
  releaseInvoice,
  runBilling,
  setRules,
  sumOf,
  voidInvoice,
  type Bill,
} from './credits';

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
  // Threshold tests out of the way where a suite is about credits, not spikes.
  await setRules(t, 'CREDITS', { highConsumptionFactor: '1000', swingPercent: '100000', maxInvoiceAmount: null });
  // ... and one that holds every invoice over 30.00.
  await setRules(t, 'CREDITS_FEE', { highConsumptionFactor: '1000', swingPercent: '100000', maxInvoiceAmount: null });
  await setRules(t, 'CREDITS_SWING', { highConsumptionFactor: '1000', swingPercent: '50', maxInvoiceAmount: null });
  await setRules(t, 'CREDITS_HOLD', { highConsumptionFactor: '1000', swingPercent: '100000', maxInvoiceAmount: '30.00' });
});
afterAll(async () => checkMoneyAndStop(t));

const MONTHS = ['2026-01-01', '2026-02-01', '2026-03-01', '2026-04-01', '2026-05-01', '2026-06-01', '2026-07-01'];

/**
 * A customer on a product at 0.10 per kWh plus 5.00 a month, with a 25.00
 * switch bonus (promo code) and a 100.00 welcome credit (BILL_CREDIT).
 * 150 kWh is a 20.00 bill; 450 kWh a 50.00 one.
 */
async function signUp(segment = 'CREDITS', credits = { promo: '25.00', welcome: '100.00' }) {
  const promo = unique('SWITCH');
  const product = await publishedProduct(t, {
    fixedCharge: '5.00',
    rates: [{ effectiveFrom: '2026-01-01', unitPrice: '0.10' }],
    promoCodes: credits.promo ? [{ code: promo, description: 'Switch bonus', amountOff: credits.promo }] : [],
    incentives: [{ kind: 'BILL_CREDIT', description: 'Welcome credit', value: credits.welcome }],
  });
  const customer = await account(t, { segment });
  await enroll(t, customer.id, product.code, '2026-01-01', credits.promo ? promo : undefined);
  return { ...customer, promo, product };
}

/** Bills month i (0 = January) of the customer's usage with a run as of its end. */
async function billMonth(customer: { number: string }, i: number, kwh: number) {
  await recordUsage(t, customer.number, MONTHS[i], MONTHS[i + 1], kwh);
  return runBilling(t, MONTHS[i + 1]);
}

/** Cents credited over the bills that stand (not VOID). */
const credited = (bills: Bill[]): bigint => -bills.filter((b) => b.status !== 'VOID').reduce((sum, b) => sum + sumOf(b, ['CREDIT']), 0n);

const latest = async (accountId: string): Promise<Bill> => (await billsOf(t, accountId)).at(-1) as Bill;

describe('sign-up credits larger than the first bill', () => {
  it('carries what the first bill cannot use to the next bills until it is used up', async () => {
    const customer = await signUp();

    await billMonth(customer, 0, 150);
    const january = await latest(customer.id);
    // 15.00 of usage + 5.00: the switch bonus takes all 20.00, the welcome credit has no room left; nothing is due.
    expect(january).toMatchObject({ status: 'PAID', total: '0.00' });
    expect(creditLines(january)).toEqual([
      ['-20.00', `Promo ${customer.promo}: one-time credit (20.00 of 25.00; 5.00 carried forward)`],
      ['0.00', 'Bill credit: Welcome credit (0.00 of 100.00; 100.00 carried forward)'],
    ]);
    expect(await pendingCredit(t, customer.id)).toBe(10_500n);

    await billMonth(customer, 1, 450);
    const february = await latest(customer.id);
    // 50.00: the 5.00 left of the bonus, then 45.00 of the welcome credit.
    expect(february).toMatchObject({ status: 'PAID', total: '0.00', periodStart: '2026-02-01' });
    expect(creditLines(february)).toEqual([
      ['-5.00', `Promo ${customer.promo}: one-time credit carried forward`],
      ['-45.00', 'Bill credit: Welcome credit carried forward (45.00 of 100.00; 55.00 carried forward)'],
    ]);
    expect(await pendingCredit(t, customer.id)).toBe(5_500n);

    await billMonth(customer, 2, 450);
    const march = await latest(customer.id);
    expect(march.total).toBe('0.00');
    expect(creditLines(march)).toEqual([['-50.00', 'Bill credit: Welcome credit carried forward (50.00 of 55.00; 5.00 carried forward)']]);

    await billMonth(customer, 3, 450);
    const april = await latest(customer.id);
    expect(april.total).toBe('45.00');
    expect(creditLines(april)).toEqual([['-5.00', 'Bill credit: Welcome credit carried forward']]);
    expect(await pendingCredit(t, customer.id)).toBe(0n);

    await billMonth(customer, 4, 450);
    const may = await latest(customer.id);
    expect(may.total).toBe('50.00');
    expect(creditLines(may)).toEqual([]);

    // 125.00 of credits, all of it used and no more: 20.00 + 50.00 + 50.00 + 5.00.
    const bills = await billsOf(t, customer.id);
    expect(bills.map((b) => b.total)).toEqual(['0.00', '0.00', '0.00', '45.00', '50.00']);
    const account = await gqlOk(t.url, 'query($id: ID) { account(id: $id) { balance } }', { id: customer.id }, t.adminToken);
    expect(account.account.balance).toBe('95.00');
  });

  it('lets a held invoice hold the credit it took: voided, the credit is pending again; released, it is spent', async () => {
    const customer = await signUp('CREDITS_HOLD', { promo: '', welcome: '100.00' });
    await billMonth(customer, 0, 150);
    expect(await pendingCredit(t, customer.id)).toBe(8_000n);

    // 1150 kWh: 115.00 + 5.00 = 120.00, less the 80.00 carried: 40.00 is over the segment's 30.00, so HELD.
    await billMonth(customer, 1, 1150);
    const held = await latest(customer.id);
    expect(held).toMatchObject({ status: 'HELD', total: '40.00' });
    expect(creditLines(held)).toEqual([['-80.00', 'Bill credit: Welcome credit carried forward']]);
    expect(await pendingCredit(t, customer.id)).toBe(0n);

    await voidInvoice(t, held.id);
    expect(await pendingCredit(t, customer.id)).toBe(8_000n);

    // The freed read is billed again, and takes the credit again.
    await runBilling(t, MONTHS[2]);
    const again = await latest(customer.id);
    expect(again.id).not.toBe(held.id);
    expect(again).toMatchObject({ status: 'HELD', total: '40.00', periodStart: '2026-02-01' });
    expect(creditLines(again)).toEqual([['-80.00', 'Bill credit: Welcome credit carried forward']]);
    await releaseInvoice(t, again.id);
    expect(await latest(customer.id)).toMatchObject({ id: again.id, status: 'ISSUED', total: '40.00' });
    expect(await pendingCredit(t, customer.id)).toBe(0n);

    await billMonth(customer, 2, 150);
    expect(creditLines(await latest(customer.id))).toEqual([]);
  });

  it('gives the credit once when its first invoice is voided after a later one used part of what it carried', async () => {
    // A customer billed 50.00 on a plain product switches in February to one with a 100.00 welcome credit.
    const plain = await publishedProduct(t, { fixedCharge: '5.00', rates: [{ effectiveFrom: '2026-01-01', unitPrice: '0.10' }] });
    const customer = await account(t, { segment: 'CREDITS_SWING' });
    await enroll(t, customer.id, plain.code, '2026-01-01');
    await billMonth(customer, 0, 450);
    const welcome = await publishedProduct(t, {
      fixedCharge: '5.00',
      rates: [{ effectiveFrom: '2026-01-01', unitPrice: '0.10' }],
      incentives: [{ kind: 'BILL_CREDIT', description: 'Welcome credit', value: '100.00' }],
    });
    await enroll(t, customer.id, welcome.code, '2026-02-01');

    // February, 20.00, is the new product's first invoice: 0.00 after 20.00 of credit, 80.00 carried forward, and
    // HELD for swinging from 50.00 to 0.00.
    await billMonth(customer, 1, 150);
    const february = await latest(customer.id);
    expect(february).toMatchObject({ status: 'HELD', total: '0.00' });
    expect(await pendingCredit(t, customer.id)).toBe(8_000n);
    // March, 50.00, takes 50.00 of the 80.00 while February waits for review.
    await billMonth(customer, 2, 450);
    expect((await latest(customer.id)).total).toBe('0.00');
    expect(await pendingCredit(t, customer.id)).toBe(3_000n);

    await voidInvoice(t, february.id, 'Wrong meter');
    // February's read is billed again on a new first invoice: it asks again only for the 20.00 February had used.
    await runBilling(t, MONTHS[3]);
    const rebilled = await latest(customer.id);
    expect(rebilled).toMatchObject({ periodStart: '2026-02-01', total: '0.00' });
    expect(creditLines(rebilled)).toEqual([['-20.00', 'Bill credit: Welcome credit']]);
    expect(await pendingCredit(t, customer.id)).toBe(3_000n);

    await billMonth(customer, 3, 450);
    const april = await latest(customer.id);
    expect(april.total).toBe('20.00');
    expect(creditLines(april)).toEqual([['-30.00', 'Bill credit: Welcome credit carried forward']]);
    expect(credited(await billsOf(t, customer.id))).toBe(10_000n);
    expect(await pendingCredit(t, customer.id)).toBe(0n);
  });

  it('leaves collections fee invoices alone: the credit waits for the next regular bill', async () => {
    await createPath(t, {
      name: 'Fees for credit customers',
      segments: ['CREDITS_FEE'],
      steps: [{ name: 'Late fee', daysPastDue: 1, minPastDue: '0', action: 'LATE_FEE', feeAmount: '5.00' }],
    });
    // January on a plain product, 50.00 and never paid; February on one with a 100.00 welcome credit.
    const plain = await publishedProduct(t, { fixedCharge: '5.00', rates: [{ effectiveFrom: '2026-01-01', unitPrice: '0.10' }] });
    const customer = await account(t, { segment: 'CREDITS_FEE' });
    await enroll(t, customer.id, plain.code, '2026-01-01');
    await billMonth(customer, 0, 450);
    const welcome = await publishedProduct(t, {
      fixedCharge: '5.00',
      rates: [{ effectiveFrom: '2026-01-01', unitPrice: '0.10' }],
      incentives: [{ kind: 'BILL_CREDIT', description: 'Welcome credit', value: '100.00' }],
    });
    await enroll(t, customer.id, welcome.code, '2026-02-01');
    await billMonth(customer, 1, 150);
    expect(await pendingCredit(t, customer.id)).toBe(8_000n);

    const run = await gqlOk(t.url, RUN_COLLECTIONS, { asOf: '2026-03-01', wait: true }, t.adminToken);
    expect(run.runCollections.status).toBe('COMPLETED');
    const fee = await latest(customer.id);
    expect(fee).toMatchObject({ status: 'ISSUED', total: '5.00' });
    expect(fee.lines.map((l) => l.kind)).toEqual(['FEE']);
    expect(await pendingCredit(t, customer.id)).toBe(8_000n);

    await billMonth(customer, 2, 450);
    const march = await latest(customer.id);
    expect(march.total).toBe('0.00');
    expect(creditLines(march)).toEqual([['-50.00', 'Bill credit: Welcome credit carried forward (50.00 of 80.00; 30.00 carried forward)']]);
  });

  it('never spends one credit twice when two runs bill the same accounts at once', async () => {
    const customers = [];
    for (let i = 0; i < 8; i++) customers.push(await signUp('CREDITS', { promo: '', welcome: '100.00' }));
    for (const c of customers) await billMonth(c, 0, 150);
    for (const c of customers) await recordUsage(t, c.number, MONTHS[1], MONTHS[2], 450);

    // One bill run at a time: a start while the other runs answers CONFLICT, one after it finds nothing left to bill.
    const starts = await Promise.all(
      [0, 1].map(() => gql(t.url, 'mutation($asOf: Date!) { runBilling(asOf: $asOf) { id } }', { asOf: MONTHS[2] }, t.adminToken)),
    );
    for (const r of starts) if (!r.data?.runBilling) expect(errorCode(r)).toBe('CONFLICT');

    for (const c of customers) {
      const bills = (await billsOf(t, c.id)).filter((b) => b.status !== 'VOID');
      expect(bills.map((b) => b.total)).toEqual(['0.00', '0.00']);
      expect(creditLines(bills[1])).toEqual([
        ['-50.00', 'Bill credit: Welcome credit carried forward (50.00 of 80.00; 30.00 carried forward)'],
      ]);
      expect(await pendingCredit(t, c.id)).toBe(3_000n);
      expect(credited(bills)).toBe(7_000n);
    }
  });
});

describe('an actual read replacing an estimate billed with sign-up credits', () => {
  const estimate = (customer: { number: string }, kwh: number, estimated: boolean) =>
    gqlOk(
      t.url,
      'mutation($reads: [UsageInput!]!) { recordUsage(reads: $reads) { accepted replaced rejected { index message } } }',
      { reads: [{ accountNumber: customer.number, periodStart: MONTHS[0], periodEnd: MONTHS[1], quantity: String(kwh), estimated }] },
      t.adminToken,
    );
  const notes = async (invoiceId: string) =>
    (await gqlOk(t.url, 'query($id: ID!) { invoice(id: $id) { creditNotes { total } } }', { id: invoiceId }, t.adminToken)).invoice
      .creditNotes;

  it('credits the bill in full and rebills it, the credits applied again, when they took part of what the read charged', async () => {
    const customer = await signUp('CREDITS', { promo: '', welcome: '10.00' });
    await estimate(customer, 450, true);
    await runBilling(t, MONTHS[1]);
    // 45.00 of usage + 5.00 - 10.00: crediting the read's 45.00 would take more than the bill's 40.00.
    const [first] = await billsOf(t, customer.id);
    expect(first.total).toBe('40.00');

    expect((await estimate(customer, 400, false)).recordUsage).toEqual({ accepted: 0, replaced: 1, rejected: [] });
    expect(await notes(first.id)).toEqual([{ total: '40.00' }]);

    await runBilling(t, MONTHS[1]);
    const rebill = await latest(customer.id);
    // What the actual read alone costs: 40.00 + 5.00 - 10.00.
    expect(rebill.total).toBe('35.00');
    expect(creditLines(rebill)).toEqual([['-10.00', 'Bill credit: Welcome credit']]);
    const account = await gqlOk(t.url, 'query($id: ID) { account(id: $id) { balance } }', { id: customer.id }, t.adminToken);
    expect(account.account.balance).toBe('35.00');
  });

  it('voids a bill of 0.00, the credits waiting again, and bills the actual read with them', async () => {
    const customer = await signUp();
    await estimate(customer, 150, true);
    await runBilling(t, MONTHS[1]);
    const [first] = await billsOf(t, customer.id);
    expect(first).toMatchObject({ status: 'PAID', total: '0.00' });

    expect((await estimate(customer, 100, false)).recordUsage).toEqual({ accepted: 0, replaced: 1, rejected: [] });
    expect((await billsOf(t, customer.id))[0].status).toBe('VOID');

    await runBilling(t, MONTHS[1]);
    const rebill = await latest(customer.id);
    expect(rebill.total).toBe('0.00');
    // The 20.00 the void gave back applies again; the 5.00 and 100.00 carried before wait as they did.
    expect(creditLines(rebill)).toEqual([['-15.00', `Promo ${customer.promo}: one-time credit (15.00 of 20.00; 5.00 carried forward)`]]);
    expect(await pendingCredit(t, customer.id)).toBe(11_000n);
  });
});
