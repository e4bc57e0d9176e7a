import { gqlOk } from '../support/client';
import { account, enroll, publishedProduct } from '../support/factories';
import { startTestHub, type TestHub } from '../support/hub';
import { checkMoneyAndStop } from '../support/money-invariants';

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(async () => checkMoneyAndStop(t));

const RUN = 'mutation($asOf: Date!) { runBilling(asOf: $asOf) { status invoicesIssued invoicesHeld accountsBlocked } }';
const PREVIEW = 'query($asOf: Date!) { previewBilling(asOf: $asOf) { counts { key count } samples { outcome detail account { id } } } }';
const ACCOUNT = `query($id: ID) { account(id: $id) {
  invoices { nodes { id status total lines { kind amount } exceptions { code severity status } } }
  usageReads { nodes { id status } } } }`;
const EXCEPTIONS = `query { billingExceptions(first: 500) { nodes { code severity status message account { id } workItem { id status queue { key } } } } }`;

const run = async (asOf: string) => (await gqlOk(t.url, RUN, { asOf }, t.adminToken)).runBilling;
const accountState = async (id: string) => (await gqlOk(t.url, ACCOUNT, { id }, t.adminToken)).account;
const exceptionsOf = async (id: string) =>
  (await gqlOk(t.url, EXCEPTIONS, {}, t.adminToken)).billingExceptions.nodes.filter(
    (x: { account: { id: string } }) => x.account.id === id,
  );

async function usage(accountNumber: string, periodStart: string, periodEnd: string, quantity: string): Promise<void> {
  const data = await gqlOk(
    t.url,
    'mutation($reads: [UsageInput!]!) { recordUsage(reads: $reads) { accepted } }',
    { reads: [{ accountNumber, periodStart, periodEnd, quantity }] },
    t.adminToken,
  );
  expect(data.recordUsage.accepted).toBe(1);
}

describe('an invoice past what the hub can store', () => {
  it('is blocked as a critical HIGH_AMOUNT in the preview and the run, and billed once its read is corrected', async () => {
    // 9 billion kWh at 999,999,999 a kWh: each accepted alone, together far past the largest amount an invoice holds.
    const product = await publishedProduct(t, { fixedCharge: '5.00', rates: [{ effectiveFrom: '2026-01-01', unitPrice: '999999999' }] });
    const a = await account(t);
    await enroll(t, a.id, product.code, '2026-01-01');
    await usage(a.number, '2026-01-01', '2026-02-01', '9000000000');

    const preview = (await gqlOk(t.url, PREVIEW, { asOf: '2026-02-01' }, t.adminToken)).previewBilling;
    expect(preview.counts.find((c: { key: string }) => c.key === 'BLOCKED').count).toBe(1);
    expect(preview.samples.find((s: { account: { id: string } }) => s.account.id === a.id)).toMatchObject({
      outcome: 'BLOCKED',
      detail: expect.stringContaining('comes to more than an invoice can hold'),
    });

    expect(await run('2026-02-01')).toMatchObject({ status: 'COMPLETED', invoicesIssued: 0, accountsBlocked: 1 });
    expect(await exceptionsOf(a.id)).toEqual([
      {
        code: 'HIGH_AMOUNT',
        severity: 'CRITICAL',
        status: 'OPEN',
        message: expect.stringMatching(/^The invoice for 2026-01-01 to 2026-02-01 comes to more than an invoice can hold/),
        account: { id: a.id },
        workItem: { id: expect.any(String), status: 'OPEN', queue: { key: 'INVOICING' } },
      },
    ]);
    const blocked = await accountState(a.id);
    expect(blocked.invoices.nodes).toEqual([]);
    expect(blocked.usageReads.nodes.map((r: { status: string }) => r.status)).toEqual(['UNBILLED']);
    // A second run raises nothing new.
    expect(await run('2026-02-01')).toMatchObject({ accountsBlocked: 1 });
    const [raised] = await exceptionsOf(a.id);
    expect(await exceptionsOf(a.id)).toHaveLength(1);
    // Its work item resolved by hand resolves it; a run that finds the read unchanged raises it anew.
    await gqlOk(
      t.url,
      'mutation($id: ID!, $r: String!) { resolveWorkItem(id: $id, resolution: $r) { status } }',
      { id: raised.workItem.id, r: 'Asked the meter team' },
      t.adminToken,
    );
    expect((await exceptionsOf(a.id)).map((x: { status: string }) => x.status)).toEqual(['RESOLVED']);
    await run('2026-02-01');
    expect((await exceptionsOf(a.id)).map((x: { status: string }) => x.status).sort()).toEqual(['OPEN', 'RESOLVED']);

    // The read was off by a factor of a million: the corrected read replaces it, and the next run bills it.
    const replaced = await gqlOk(
      t.url,
      'mutation($reads: [UsageInput!]!) { recordUsage(reads: $reads) { replaced } }',
      { reads: [{ accountNumber: a.number, periodStart: '2026-01-01', periodEnd: '2026-02-01', quantity: '0.009', replace: true }] },
      t.adminToken,
    );
    expect(replaced.recordUsage.replaced).toBe(1);
    expect(await run('2026-02-01')).toMatchObject({ invoicesIssued: 1, accountsBlocked: 0 });
    const billed = await accountState(a.id);
    // 0.009 kWh x 999,999,999 = 8,999,999.991 -> 8,999,999.99, plus the 5.00 fixed charge.
    expect(billed.invoices.nodes.map((i: { status: string; total: string }) => [i.status, i.total])).toEqual([['ISSUED', '9000004.99']]);
    expect((await exceptionsOf(a.id)).map((x: { status: string }) => x.status)).toEqual(['RESOLVED', 'RESOLVED']);
  });

  it("holds an invoice of an operator's charges alone when it is over the segment's maximum amount", async () => {
    await gqlOk(
      t.url,
      'mutation($input: BillingRulesInput!) { setBillingRules(input: $input) { segment } }',
      { input: { segment: 'CAPPED', highConsumptionFactor: '2', swingPercent: '50', maxInvoiceAmount: '10.00', paymentTermsDays: 10 } },
      t.adminToken,
    );
    const [over, under] = [await account(t, { segment: 'CAPPED' }), await account(t, { segment: 'CAPPED' })];
    const charge = (accountId: string, amount: string) =>
      gqlOk(
        t.url,
        'mutation($input: AddChargeInput!) { addCharge(input: $input) { id } }',
        { input: { accountId, description: 'Meter replacement', amount, taxable: false } },
        t.adminToken,
      );
    await charge(over.id, '10.01');
    await charge(under.id, '10.00');
    expect(await run('2026-03-01')).toMatchObject({ invoicesHeld: 1 });
    const [held] = (await accountState(over.id)).invoices.nodes;
    expect(held).toMatchObject({
      status: 'HELD',
      total: '10.01',
      exceptions: [{ code: 'HIGH_AMOUNT', severity: 'THRESHOLD', status: 'OPEN' }],
    });
    const [issued] = (await accountState(under.id)).invoices.nodes;
    expect(issued).toMatchObject({ status: 'ISSUED', total: '10.00', exceptions: [] });
  });
});
