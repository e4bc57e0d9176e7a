import { errorCode, gql, gqlOk } from '../support/client';
import { account, enroll, publishedProduct, unique } from '../support/factories';
import { startTestHub, type TestHub } from '../support/hub';
import { checkMoneyAndStop } from '../support/money-invariants';
import { runBilling } from '../billing/credits';

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(async () => checkMoneyAndStop(t));

const RATES = 'rates { id unitPrice tiers { upTo unitPrice } registerPrices { register unitPrice } }';
const CREATE = `mutation($input: CreateProductInput!) { createProduct(input: $input) { id code version ${RATES} } }`;
const PRODUCT = `query($code: String) { product(code: $code) { id version ${RATES} } }`;
const UPDATE_RATE = `mutation($id: ID!, $input: RateInput!) { updateRate(id: $id, input: $input) { version ${RATES} } }`;
const ADD_RATE = `mutation($id: ID!, $input: RateInput!) { addRate(productId: $id, input: $input) { version ${RATES} } }`;

const TIERS = [{ upTo: '500', unitPrice: '0.10' }, { upTo: '1000', unitPrice: '0.15' }, { unitPrice: '0.2' }];
const TOU = [
  { register: 'ON_PEAK', unitPrice: '0.3' },
  { register: 'OFF_PEAK', unitPrice: '0.08' },
];

function create(rate: Record<string, unknown>, code = unique('RS')) {
  return gql(
    t.url,
    CREATE,
    { input: { code, name: `Rates ${code}`, unit: 'kWh', fixedCharge: '5', rates: [{ effectiveFrom: '2025-01-01', ...rate }] } },
    t.adminToken,
  );
}

describe('rates with tiers and register prices', () => {
  it('creates a tiered time-of-use rate and shows it, the first tier price as unitPrice', async () => {
    const created = await create({ tiers: TIERS, registerPrices: TOU });
    expect(created.errors).toBeUndefined();
    expect(created.data!.createProduct.rates).toEqual([
      {
        id: expect.any(String),
        unitPrice: '0.1',
        tiers: [
          { upTo: '500', unitPrice: '0.1' },
          { upTo: '1000', unitPrice: '0.15' },
          { upTo: null, unitPrice: '0.2' },
        ],
        registerPrices: [
          { register: 'ON_PEAK', unitPrice: '0.3' },
          { register: 'OFF_PEAK', unitPrice: '0.08' },
        ],
      },
    ]);
    const flat = await create({ unitPrice: '0.12' });
    expect(flat.data!.createProduct.rates[0]).toMatchObject({ unitPrice: '0.12', tiers: [], registerPrices: [] });
  });

  it.each([
    ['both unitPrice and tiers', { unitPrice: '0.1', tiers: TIERS }, /either unitPrice or tiers/],
    ['neither unitPrice nor tiers', { registerPrices: TOU }, /give a unitPrice or tiers/],
    ['no tiers', { tiers: [] }, /at least one tier/],
    [
      'tiers not ascending',
      { tiers: [{ upTo: '500', unitPrice: '0.1' }, { upTo: '400', unitPrice: '0.1' }, { unitPrice: '0.1' }] },
      /ascend/,
    ],
    ['a last tier with upTo', { tiers: [{ upTo: '500', unitPrice: '0.1' }] }, /last tier must be open/],
    ['an open tier before the last', { tiers: [{ unitPrice: '0.1' }, { unitPrice: '0.2' }] }, /only the last tier/],
    ['a zero upTo', { tiers: [{ upTo: '0', unitPrice: '0.1' }, { unitPrice: '0.2' }] }, /more than zero/],
    ['a negative tier price', { tiers: [{ upTo: '5', unitPrice: '-0.1' }, { unitPrice: '0.2' }] }, /must not be negative/],
    ['a negative register price', { unitPrice: '0.1', registerPrices: [{ register: 'ON_PEAK', unitPrice: '-1' }] }, /must not be negative/],
    ['a TOTAL register price', { unitPrice: '0.1', registerPrices: [{ register: 'TOTAL', unitPrice: '0.1' }] }, /TOTAL/],
    ['a register twice', { unitPrice: '0.1', registerPrices: [TOU[0], TOU[0]] }, /given twice/],
    ['a malformed register', { unitPrice: '0.1', registerPrices: [{ register: 'on peak', unitPrice: '0.1' }] }, /A-Z, 0-9/],
  ])('refuses %s with BAD_USER_INPUT and stores nothing', async (_what, rate, message) => {
    const code = unique('RSBAD');
    const result = await create(rate, code);
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(result.errors![0].message).toMatch(message);
    expect((await gqlOk(t.url, PRODUCT, { code }, t.adminToken)).product).toBeNull();
  });

  it('changes a flat rate into a tiered one, and refuses a bad change leaving the rate as it was', async () => {
    const created = (await create({ unitPrice: '0.12' })).data!.createProduct;
    const rateId = created.rates[0].id;
    const bad = await gql(
      t.url,
      UPDATE_RATE,
      { id: rateId, input: { effectiveFrom: '2025-01-01', unitPrice: '0.1', tiers: TIERS } },
      t.adminToken,
    );
    expect(errorCode(bad)).toBe('BAD_USER_INPUT');
    const badAdd = await gql(
      t.url,
      ADD_RATE,
      { id: created.id, input: { effectiveFrom: '2030-01-01', unitPrice: '0.1', registerPrices: [{ register: 'TOTAL', unitPrice: '1' }] } },
      t.adminToken,
    );
    expect(errorCode(badAdd)).toBe('BAD_USER_INPUT');
    const unchanged = (await gqlOk(t.url, PRODUCT, { code: created.code }, t.adminToken)).product;
    expect(unchanged).toEqual({ id: created.id, version: created.version, rates: created.rates });
    const updated = await gqlOk(
      t.url,
      UPDATE_RATE,
      { id: rateId, input: { effectiveFrom: '2025-01-01', tiers: TIERS, registerPrices: TOU } },
      t.adminToken,
    );
    expect(updated.updateRate.rates[0]).toMatchObject({ unitPrice: '0.1', tiers: expect.any(Array), registerPrices: expect.any(Array) });
    expect(updated.updateRate.rates[0].tiers).toHaveLength(3);
  });

  it('bills a 30-day TOTAL read through the tiers, one line per tier, and a register read at its price', async () => {
    const product = await publishedProduct(
      t,
      { fixedCharge: '0', rates: [{ effectiveFrom: '2025-01-01', tiers: TIERS, registerPrices: TOU }] },
      '2025-12-01',
    );
    const customer = await account(t);
    await enroll(t, customer.id, product.code, '2026-01-01');
    await recordReads(customer.number, [
      { register: 'TOTAL', quantity: '1200' },
      { register: 'ON_PEAK', quantity: '100' },
    ]);
    await runBilling(t, '2026-03-01');
    const [invoice] = await invoicesOf(customer.id);
    const usage = invoice.lines.filter((l: { kind: string }) => l.kind === 'USAGE');
    // 500 x 0.10 + 500 x 0.15 + 200 x 0.20 = 50 + 75 + 40; ON_PEAK 100 x 0.30 = 30.
    expect(usage.map((l: Record<string, string>) => [l.register, l.quantity, l.unitPrice, l.amount]).sort()).toEqual([
      ['ON_PEAK', '100', '0.3', '30.00'],
      ['TOTAL', '200', '0.2', '40.00'],
      ['TOTAL', '500', '0.1', '50.00'],
      ['TOTAL', '500', '0.15', '75.00'],
    ]);
    expect(usage.map((l: { description: string }) => l.description).join('\n')).toMatch(/tier 2 of 3/);
  });

  it('blocks a register read on a day without a price for it: one MISSING_RATE naming the register', async () => {
    const product = await publishedProduct(
      t,
      { rates: [{ effectiveFrom: '2025-01-01', unitPrice: '0.1', registerPrices: [TOU[0]] }] },
      '2025-12-01',
    );
    const customer = await account(t);
    await enroll(t, customer.id, product.code, '2026-01-01');
    await recordReads(customer.number, [
      { register: 'TOTAL', quantity: '300' },
      { register: 'OFF_PEAK', quantity: '100' },
    ]);
    await runBilling(t, '2026-03-01');
    expect(await invoicesOf(customer.id)).toEqual([]);
    const exceptions = await gqlOk(
      t.url,
      '{ billingExceptions(severity: CRITICAL, first: 500) { nodes { code message account { id } } } }',
      {},
      t.adminToken,
    );
    const mine = exceptions.billingExceptions.nodes.filter((x: { account: { id: string } }) => x.account.id === customer.id);
    expect(mine).toEqual([
      { code: 'MISSING_RATE', message: expect.stringMatching(/no price for register OFF_PEAK/), account: { id: customer.id } },
    ]);
  });
});

async function recordReads(accountNumber: string, reads: Array<{ register: string; quantity: string }>): Promise<void> {
  const result = await gqlOk(
    t.url,
    'mutation($reads: [UsageInput!]!) { recordUsage(reads: $reads) { accepted rejected { index message } } }',
    { reads: reads.map((r) => ({ accountNumber, periodStart: '2026-01-01', periodEnd: '2026-01-31', ...r })) },
    t.adminToken,
  );
  expect(result.recordUsage.rejected).toEqual([]);
}

async function invoicesOf(accountId: string) {
  const data = await gqlOk(
    t.url,
    `query($id: ID) { account(id: $id) { invoices(first: 10) { nodes { id total lines { kind register description quantity unitPrice amount } } } } }`,
    { id: accountId },
    t.adminToken,
  );
  return data.account.invoices.nodes;
}
