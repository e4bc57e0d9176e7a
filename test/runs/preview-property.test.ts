import fc from 'fast-check';
import { addDays } from '../../server/src/common/dates';
import { gqlOk } from '../support/client';
import { account, enroll, publishedProduct } from '../support/factories';
import { startTestHub, type TestHub } from '../support/hub';
import { checkMoneyAndStop } from '../support/money-invariants';

let t: TestHub;
let product: { code: string };
beforeAll(async () => {
  t = await startTestHub();
  await t.hub.services.runSchedules.stop();
  product = await publishedProduct(t, { fixedCharge: '4.99', rates: [{ effectiveFrom: '2020-01-01', unitPrice: '0.1375' }] }, '2020-01-01');
  await gqlOk(
    t.url,
    'mutation($input: BillingRulesInput!) { setBillingRules(input: $input) { segment } }',
    { input: { segment: 'CAPPED', highConsumptionFactor: '100', swingPercent: '1000', maxInvoiceAmount: '60.00', paymentTermsDays: 14 } },
    t.adminToken,
  );
});
afterAll(async () => checkMoneyAndStop(t));

const cents = (money: string | null): bigint => {
  if (money === null) return 0n;
  const [whole, frac = ''] = money.replace('-', '').split('.');
  const value = BigInt(whole) * 100n + BigInt(frac.padEnd(2, '0'));
  return money.startsWith('-') ? -value : value;
};

let month = 0;

describe('previewBilling amounts', () => {
  it('equal, to the cent, the totals of the invoices the run then issues and holds, whatever the usage', async () => {
    const usage = fc.array(
      fc.record({
        quantity: fc.integer({ min: 0, max: 900_000 }).map((milli) => (milli / 1000).toFixed(3)),
        capped: fc.boolean(),
      }),
      { minLength: 1, maxLength: 5 },
    );
    await fc.assert(
      fc.asyncProperty(usage, async (reads) => {
        // A month of its own for each case: the accounts of earlier cases are billed already.
        const start = addDays('2021-01-01', 31 * month++);
        const end = addDays(start, 30);
        const accounts = [];
        for (const r of reads) {
          const a = await account(t, { segment: r.capped ? 'CAPPED' : 'RESIDENTIAL' });
          await enroll(t, a.id, product.code, '2020-01-01');
          accounts.push({ ...a, quantity: r.quantity });
        }
        await gqlOk(
          t.url,
          'mutation($reads: [UsageInput!]!) { recordUsage(reads: $reads) { accepted } }',
          { reads: accounts.map((a) => ({ accountNumber: a.number, periodStart: start, periodEnd: end, quantity: a.quantity })) },
          t.adminToken,
        );
        const preview = (
          await gqlOk(
            t.url,
            'query($asOf: Date!) { previewBilling(asOf: $asOf) { accounts counts { key count amount } } }',
            { asOf: end },
            t.adminToken,
          )
        ).previewBilling;
        const run = (
          await gqlOk(t.url, 'mutation($asOf: Date!) { runBilling(asOf: $asOf) { id accountsConsidered } }', { asOf: end }, t.adminToken)
        ).runBilling;
        expect(preview.accounts).toBe(run.accountsConsidered);
        const invoices = (
          await gqlOk(t.url, 'query { invoices(first: 500) { nodes { total status billRun { id } } } }', {}, t.adminToken)
        ).invoices.nodes.filter((i: { billRun: { id: string } | null }) => i.billRun?.id === run.id);
        for (const key of ['ISSUED', 'HELD']) {
          const mine = invoices.filter((i: { status: string }) => i.status === key);
          const count = preview.counts.find((c: { key: string }) => c.key === key);
          expect(count.count).toBe(mine.length);
          expect(cents(count.amount)).toBe(mine.reduce((s: bigint, i: { total: string }) => s + cents(i.total), 0n));
        }
      }),
      { numRuns: 8 },
    );
  });
});
