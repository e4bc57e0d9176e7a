import { errorCode, gql, gqlOk, subscribe, wsClient, type Subscription } from '../support/client';
import { account, enroll, unique } from '../support/factories';
import { startTestHub, type TestHub } from '../support/hub';
import { checkMoneyAndStop } from '../support/money-invariants';
import { listening } from '../support/live';
import type { Client } from 'graphql-ws';

let t: TestHub;
let partner: string;
let client: Client;
let feed: Subscription<{ productChanged: { change: string; product: { code: string; version: number } } }>;

const PRODUCT = `id code status version
  rates { id effectiveFrom effectiveTo unitPrice billed }
  promoCodes { id code percentOff amountOff validFrom validTo maxRedemptions redemptions active }
  incentives { id kind description value }`;

const CREATE = `mutation($input: CreateProductInput!) { createProduct(input: $input) { ${PRODUCT} } }`;
const PUBLISH = `mutation($id: ID!) { publishProduct(id: $id, salesStart: "2026-01-01") { ${PRODUCT} } }`;
const UPDATE_RATE = `mutation($id: ID!, $input: RateInput!, $v: Int) { updateRate(id: $id, input: $input, expectedVersion: $v) { ${PRODUCT} } }`;
const REMOVE_RATE = `mutation($id: ID!, $v: Int) { removeRate(id: $id, expectedVersion: $v) { ${PRODUCT} } }`;
const END_RATE = `mutation($id: ID!, $to: Date!, $v: Int) { endRate(id: $id, effectiveTo: $to, expectedVersion: $v) { ${PRODUCT} } }`;
const ADD_RATE = `mutation($id: ID!, $input: RateInput!) { addRate(productId: $id, input: $input) { ${PRODUCT} } }`;
const UPDATE_PROMO = `mutation($id: ID!, $input: PromoCodeInput!, $v: Int) { updatePromoCode(id: $id, input: $input, expectedVersion: $v) { ${PRODUCT} } }`;
const DEACTIVATE_PROMO = `mutation($id: ID!, $v: Int) { deactivatePromoCode(id: $id, expectedVersion: $v) { ${PRODUCT} } }`;
const REMOVE_INCENTIVE = `mutation($id: ID!, $v: Int) { removeIncentive(id: $id, expectedVersion: $v) { ${PRODUCT} } }`;

beforeAll(async () => {
  t = await startTestHub();
  partner = await t.apiKey('PARTNER', 'Catalog partner');
  client = wsClient(t.url, partner);
  feed = await listening(t, () => subscribe(client, 'subscription { productChanged { change product { code version } } }'));
});
afterAll(async () => {
  feed?.stop();
  await client?.dispose();
  await checkMoneyAndStop(t);
});

type Product = Record<string, any>;

async function product(id: string): Promise<Product> {
  return (await gqlOk(t.url, `query($id: ID) { product(id: $id) { ${PRODUCT} } }`, { id }, t.adminToken)).product;
}

/** A published product: January to July at 0.12, then 0.14 open-ended; two promo codes and two incentives. */
async function launched(overrides: Record<string, unknown> = {}): Promise<Product> {
  const code = unique('EDIT');
  const created = await gqlOk(
    t.url,
    CREATE,
    {
      input: {
        code,
        name: `Product ${code}`,
        unit: 'kWh',
        fixedCharge: '0',
        rates: [
          { effectiveFrom: '2026-01-01', effectiveTo: '2026-07-01', unitPrice: '0.12' },
          { effectiveFrom: '2026-07-01', unitPrice: '0.14' },
        ],
        promoCodes: [
          { code: 'SPRING10', percentOff: '10', validFrom: '2026-01-01', validTo: '2027-01-01' },
          { code: 'WELCOME25', amountOff: '25.00' },
        ],
        incentives: [
          { kind: 'GIFT_CARD', description: '$50 gift card', value: '50.00' },
          { kind: 'BILL_CREDIT', description: '$5 off the first bill', value: '5.00' },
        ],
        ...overrides,
      },
    },
    t.adminToken,
  );
  return (await gqlOk(t.url, PUBLISH, { id: created.createProduct.id }, t.adminToken)).publishProduct;
}

/** Bills one month of usage for the account as of the month's end; returns the account's invoices, newest first. */
async function bill(a: { id: string; number: string }, start: string, end: string, kwh: string): Promise<Product[]> {
  const usage = await gqlOk(
    t.url,
    'mutation($reads: [UsageInput!]!) { recordUsage(reads: $reads) { accepted rejected { message } } }',
    { reads: [{ accountNumber: a.number, periodStart: start, periodEnd: end, quantity: kwh }] },
    t.adminToken,
  );
  expect(usage.recordUsage.rejected).toEqual([]);
  await gqlOk(t.url, 'mutation($asOf: Date!) { runBilling(asOf: $asOf) { id } }', { asOf: end }, t.adminToken);
  const data = await gqlOk(
    t.url,
    'query($id: ID) { account(id: $id) { invoices { nodes { id status total lines { kind unitPrice amount description } } } } }',
    { id: a.id },
    t.adminToken,
  );
  return data.account.invoices.nodes;
}

/** The PRODUCT_CHANGED pushes the partner got for this product, as "change version". */
async function pushesFor(code: string, count: number): Promise<string[]> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const mine = feed.values.filter((v) => v.productChanged.product.code === code);
    if (mine.length >= count || Date.now() > deadline) {
      return mine.map((v) => `${v.productChanged.change} ${v.productChanged.product.version}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('editing what no invoice used', () => {
  it('changes and removes rates, changes promo codes and removes incentives, each a new version pushed to partners', async () => {
    const p = await launched();
    expect(p.rates.map((r: Product) => r.billed)).toEqual([false, false]);
    const [first, second] = p.rates;

    const priced = (
      await gqlOk(
        t.url,
        UPDATE_RATE,
        { id: first.id, input: { effectiveFrom: '2026-01-01', effectiveTo: '2026-06-01', unitPrice: '0.125' } },
        t.adminToken,
      )
    ).updateRate;
    expect(priced.version).toBe(p.version + 1);
    expect(priced.rates.map((r: Product) => [r.effectiveFrom, r.effectiveTo, r.unitPrice])).toEqual([
      ['2026-01-01', '2026-06-01', '0.125'],
      ['2026-07-01', null, '0.14'],
    ]);

    const removed = (await gqlOk(t.url, REMOVE_RATE, { id: second.id, v: priced.version }, t.adminToken)).removeRate;
    expect(removed.version).toBe(p.version + 2);
    expect(removed.rates.map((r: Product) => r.id)).toEqual([first.id]);

    const ended = (await gqlOk(t.url, END_RATE, { id: first.id, to: '2026-09-01' }, t.adminToken)).endRate;
    expect(ended.rates[0]).toMatchObject({ effectiveFrom: '2026-01-01', effectiveTo: '2026-09-01' });

    const spring = p.promoCodes.find((c: Product) => c.code === 'SPRING10');
    const promo = (
      await gqlOk(t.url, UPDATE_PROMO, { id: spring.id, input: { code: 'spring15', percentOff: '15', maxRedemptions: 50 } }, t.adminToken)
    ).updatePromoCode;
    expect(promo.promoCodes.find((c: Product) => c.id === spring.id)).toEqual({
      id: spring.id,
      code: 'SPRING15',
      percentOff: '15',
      amountOff: null,
      validFrom: null,
      validTo: null,
      maxRedemptions: 50,
      redemptions: 0,
      active: true,
    });

    const gift = p.incentives.find((i: Product) => i.kind === 'GIFT_CARD');
    const lean = (await gqlOk(t.url, REMOVE_INCENTIVE, { id: gift.id }, t.adminToken)).removeIncentive;
    expect(lean.incentives.map((i: Product) => i.kind)).toEqual(['BILL_CREDIT']);
    expect(lean.version).toBe(p.version + 5);

    expect(await pushesFor(p.code, 6)).toEqual([`PUBLISHED ${p.version}`, ...[1, 2, 3, 4, 5].map((n) => `UPDATED ${p.version + n}`)]);
    const audit = await gqlOk(
      t.url,
      'query($id: String) { auditLog(subjectType: "Product", subjectId: $id) { nodes { action } } }',
      { id: p.id },
      t.adminToken,
    );
    expect(audit.auditLog.nodes.map((n: Product) => n.action)).toEqual(
      expect.arrayContaining(['updateRate', 'removeRate', 'endRate', 'updatePromoCode', 'removeIncentive']),
    );
  });

  it('refuses a product with no rate at publishing, and the removal of an on-sale product’s only rate', async () => {
    const code = unique('BARE');
    const draft = (await gqlOk(t.url, CREATE, { input: { code, name: 'Bare', unit: 'kWh', fixedCharge: '1.00' } }, t.adminToken))
      .createProduct;
    const refused = await gql(t.url, PUBLISH, { id: draft.id }, t.adminToken);
    expect(errorCode(refused)).toBe('INVALID_STATE');
    expect(refused.errors?.[0].message).toMatch(/has no rate; add a rate/);
    expect(await product(draft.id)).toEqual(draft);

    const p = await launched({ rates: [{ effectiveFrom: '2026-01-01', unitPrice: '0.12' }] });
    const only = await gql(t.url, REMOVE_RATE, { id: p.rates[0].id }, t.adminToken);
    expect(errorCode(only)).toBe('INVALID_STATE');
    expect(only.errors?.[0].message).toMatch(/only rate of ACTIVE product .*add the rate that replaces it first/);
    expect(await product(p.id)).toEqual(p);
  });
});

describe('a rate an invoice used', () => {
  it('can only be ended, never before the days it billed, and a voided invoice frees it', async () => {
    const p = await launched({ rates: [{ effectiveFrom: '2026-01-01', unitPrice: '0.10' }], promoCodes: [], incentives: [] });
    const rate = p.rates[0];
    const a = await account(t);
    await enroll(t, a.id, p.code, '2026-01-01');
    const [january] = await bill(a, '2026-01-01', '2026-02-01', '100');
    expect(january.status).toBe('ISSUED');
    const used = await product(p.id);
    expect(used.rates[0].billed).toBe(true);

    const change = await gql(t.url, UPDATE_RATE, { id: rate.id, input: { effectiveFrom: '2026-01-01', unitPrice: '0.20' } }, t.adminToken);
    expect(errorCode(change)).toBe('INVALID_STATE');
    expect(change.errors?.[0].message).toMatch(
      /was used by invoice INV-\d{8} \(billed up to 2026-02-01\).*endRate, on 2026-02-01 or later/,
    );
    const remove = await gql(t.url, REMOVE_RATE, { id: rate.id }, t.adminToken);
    expect(errorCode(remove)).toBe('INVALID_STATE');
    expect(remove.errors?.[0].message).toMatch(/cannot be removed; end it instead/);
    const cut = await gql(t.url, END_RATE, { id: rate.id, to: '2026-01-20' }, t.adminToken);
    expect(errorCode(cut)).toBe('BAD_USER_INPUT');
    expect(cut.errors?.[0].message).toMatch(/billed .* up to 2026-02-01; end it on 2026-02-01 or later/);
    const empty = await gql(t.url, END_RATE, { id: rate.id, to: '2026-01-01' }, t.adminToken);
    expect(errorCode(empty)).toBe('BAD_USER_INPUT');
    expect(empty.errors?.[0].message).toMatch(/must be after the start 2026-01-01/);
    expect(await product(p.id)).toEqual(used);

    // A new price from March: the old rate ends there, the new one takes over, February still bills at 0.10.
    await gqlOk(t.url, END_RATE, { id: rate.id, to: '2026-03-01', v: used.version }, t.adminToken);
    const withNew = (await gqlOk(t.url, ADD_RATE, { id: p.id, input: { effectiveFrom: '2026-03-01', unitPrice: '0.11' } }, t.adminToken))
      .addRate;
    const overlap = await gql(t.url, END_RATE, { id: rate.id, to: '2026-04-01' }, t.adminToken);
    expect(errorCode(overlap)).toBe('BAD_USER_INPUT');
    expect(overlap.errors?.[0].message).toMatch(/overlaps the rate from 2026-03-01/);
    expect(await product(p.id)).toEqual(withNew);

    const [march] = await bill(a, '2026-02-01', '2026-04-01', '590');
    expect(march.lines.filter((l: Product) => l.kind === 'USAGE').map((l: Product) => l.unitPrice)).toEqual(['0.1', '0.11']);
    expect((await product(p.id)).rates.map((r: Product) => r.billed)).toEqual([true, true]);

    // Void the invoices that used the new rate: nothing used it any more, so it can be changed again.
    await gqlOk(t.url, 'mutation($id: ID!) { voidInvoice(id: $id, reason: "Wrong price") { status } }', { id: march.id }, t.adminToken);
    const freed = await product(p.id);
    expect(freed.rates.map((r: Product) => r.billed)).toEqual([true, false]);
    const fixed = (
      await gqlOk(t.url, UPDATE_RATE, { id: freed.rates[1].id, input: { effectiveFrom: '2026-03-01', unitPrice: '0.105' } }, t.adminToken)
    ).updateRate;
    expect(fixed.rates[1].unitPrice).toBe('0.105');
  });

  it('is never changed under a bill run pricing with it at the same moment', async () => {
    const p = await launched({ rates: [{ effectiveFrom: '2026-01-01', unitPrice: '0.10' }], promoCodes: [], incentives: [] });
    const accounts = await Promise.all(Array.from({ length: 6 }, () => account(t)));
    for (const a of accounts) await enroll(t, a.id, p.code, '2026-01-01');
    await gqlOk(
      t.url,
      'mutation($reads: [UsageInput!]!) { recordUsage(reads: $reads) { accepted } }',
      { reads: accounts.map((a) => ({ accountNumber: a.number, periodStart: '2026-01-01', periodEnd: '2026-02-01', quantity: '100' })) },
      t.adminToken,
    );
    const [, change] = await Promise.all([
      gqlOk(t.url, 'mutation { runBilling(asOf: "2026-02-01") { id } }', {}, t.adminToken),
      gql(t.url, UPDATE_RATE, { id: p.rates[0].id, input: { effectiveFrom: '2026-01-01', unitPrice: '0.30' } }, t.adminToken),
    ]);
    // Whichever came first, every line was priced at the price the rate has now.
    const price = (await product(p.id)).rates[0].unitPrice;
    if (change.errors) expect(errorCode(change)).toBe('INVALID_STATE');
    for (const a of accounts) {
      const data = await gqlOk(
        t.url,
        'query($id: ID) { account(id: $id) { invoices { nodes { lines { kind unitPrice } } } } }',
        { id: a.id },
        t.adminToken,
      );
      const usage = data.account.invoices.nodes.flatMap((i: Product) => i.lines).filter((l: Product) => l.kind === 'USAGE');
      expect(usage.length).toBeGreaterThan(0);
      expect(usage.map((l: Product) => l.unitPrice)).toEqual(usage.map(() => price));
    }
  });
});

describe('a promo code an enrollment used', () => {
  it('can only be deactivated: enrollments that have it keep it, new ones are refused', async () => {
    const p = await launched({ rates: [{ effectiveFrom: '2026-01-01', unitPrice: '0.10' }], incentives: [] });
    const spring = p.promoCodes.find((c: Product) => c.code === 'SPRING10');
    const welcome = p.promoCodes.find((c: Product) => c.code === 'WELCOME25');
    const clash = await gql(t.url, UPDATE_PROMO, { id: spring.id, input: { code: 'WELCOME25', percentOff: '5' } }, t.adminToken);
    expect(errorCode(clash)).toBe('BAD_USER_INPUT');
    expect(clash.errors?.[0].message).toMatch(/WELCOME25 already exists/);

    const first = await account(t);
    await enroll(t, first.id, p.code, '2026-01-01', 'spring10');
    const redeemed = await product(p.id);
    expect(redeemed.promoCodes.find((c: Product) => c.id === spring.id)).toMatchObject({ redemptions: 1, active: true });
    const change = await gql(t.url, UPDATE_PROMO, { id: spring.id, input: { code: 'SPRING10', percentOff: '50' } }, t.adminToken);
    expect(errorCode(change)).toBe('INVALID_STATE');
    expect(change.errors?.[0].message).toMatch(/redeemed by 1 enrollment, so it cannot be changed; deactivate it instead/);
    expect(await product(p.id)).toEqual(redeemed);

    const off = (await gqlOk(t.url, DEACTIVATE_PROMO, { id: spring.id, v: redeemed.version }, t.adminToken)).deactivatePromoCode;
    expect(off.promoCodes.find((c: Product) => c.id === spring.id)).toMatchObject({ redemptions: 1, active: false });
    expect(off.version).toBe(redeemed.version + 1);
    const again = await gql(t.url, DEACTIVATE_PROMO, { id: spring.id }, t.adminToken);
    expect(errorCode(again)).toBe('INVALID_STATE');
    expect(again.errors?.[0].message).toMatch(/already deactivated/);

    const second = await account(t);
    const refused = await gql(
      t.url,
      'mutation($a: ID!, $p: String!) { enroll(accountId: $a, productCode: $p, startDate: "2026-01-01", promoCode: "SPRING10") { id } }',
      { a: second.id, p: p.code },
      t.adminToken,
    );
    expect(errorCode(refused)).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0].message).toMatch(/SPRING10 has been deactivated/);
    const after = await product(p.id);
    expect(after).toEqual(off);
    const enrolled = await gqlOk(t.url, 'query($id: ID) { account(id: $id) { enrollments { id } } }', { id: second.id }, t.adminToken);
    expect(enrolled.account.enrollments).toEqual([]);
    // An unused code can still be deactivated; a deactivated one can't be used by anyone.
    await gqlOk(t.url, DEACTIVATE_PROMO, { id: welcome.id }, t.adminToken);

    // The customer who redeemed it keeps the discount on the bill.
    const [invoice] = await bill(first, '2026-01-01', '2026-02-01', '100');
    expect(invoice.lines.find((l: Product) => l.kind === 'CREDIT')).toMatchObject({ amount: '-1.00' });
    expect(await pushesFor(p.code, 3)).toEqual([`PUBLISHED ${p.version}`, `UPDATED ${p.version + 1}`, `UPDATED ${p.version + 2}`]);
  });
});

describe('an incentive an invoice granted', () => {
  it('is removed for first invoices still to come; the credit it already carried forward stays whole', async () => {
    const p = await launched({
      rates: [{ effectiveFrom: '2026-01-01', unitPrice: '0.10' }],
      promoCodes: [],
      incentives: [{ kind: 'BILL_CREDIT', description: '$30 off', value: '30.00' }],
    });
    const early = await account(t);
    await enroll(t, early.id, p.code, '2026-01-01');
    // 10.00 of usage: the first invoice takes 10.00 of the credit, 20.00 is carried to the next bills.
    const [first] = await bill(early, '2026-01-01', '2026-02-01', '100');
    expect(first.lines.filter((l: Product) => l.kind === 'CREDIT').map((l: Product) => l.amount)).toEqual(['-10.00']);

    const removed = (await gqlOk(t.url, REMOVE_INCENTIVE, { id: p.incentives[0].id, v: p.version }, t.adminToken)).removeIncentive;
    expect(removed).toMatchObject({ version: p.version + 1, incentives: [] });
    const again = await gql(t.url, REMOVE_INCENTIVE, { id: p.incentives[0].id }, t.adminToken);
    expect(errorCode(again)).toBe('NOT_FOUND');

    const late = await account(t);
    await enroll(t, late.id, p.code, '2026-01-01');
    const [unrewarded] = await bill(late, '2026-01-01', '2026-02-01', '100');
    expect(unrewarded.lines.map((l: Product) => l.kind)).not.toContain('CREDIT');
    // The early customer's carried credit still goes to the next bill (the money invariants check the rest after the suite).
    const [second] = await bill(early, '2026-02-01', '2026-03-01', '100');
    expect(second.lines.filter((l: Product) => l.kind === 'CREDIT').map((l: Product) => l.amount)).toEqual(['-10.00']);
    expect(await pushesFor(p.code, 2)).toEqual([`PUBLISHED ${p.version}`, `UPDATED ${p.version + 1}`]);
  });
});

describe('bad input changes nothing', () => {
  it('answers unknown ids with NOT_FOUND, malformed ones and bad values with BAD_USER_INPUT, stale versions with CONFLICT', async () => {
    const p = await launched();
    const [rate] = p.rates;
    const [promo] = p.promoCodes;
    const [incentive] = p.incentives;
    const rateInput = { effectiveFrom: '2026-01-01', effectiveTo: '2026-07-01', unitPrice: '0.13' };
    const cases: Array<[string, string, Record<string, unknown>, string, RegExp]> = [
      ['updateRate', UPDATE_RATE, { id: '987654', input: rateInput }, 'NOT_FOUND', /Rate 987654 not found/],
      ['removeRate', REMOVE_RATE, { id: '987654' }, 'NOT_FOUND', /Rate 987654/],
      ['endRate', END_RATE, { id: '987654', to: '2026-03-01' }, 'NOT_FOUND', /Rate 987654/],
      ['updatePromoCode', UPDATE_PROMO, { id: '987654', input: { code: 'X', percentOff: '5' } }, 'NOT_FOUND', /Promo code 987654/],
      ['deactivatePromoCode', DEACTIVATE_PROMO, { id: '987654' }, 'NOT_FOUND', /Promo code 987654/],
      ['removeIncentive', REMOVE_INCENTIVE, { id: '987654' }, 'NOT_FOUND', /Incentive 987654/],
      ['removeRate', REMOVE_RATE, { id: 'rate-1' }, 'BAD_USER_INPUT', /not an id this API gave out/],
      ['updateRate', UPDATE_RATE, { id: rate.id, input: { ...rateInput, unitPrice: '-0.01' } }, 'BAD_USER_INPUT', /must not be negative/],
      [
        'updateRate',
        UPDATE_RATE,
        { id: rate.id, input: { ...rateInput, effectiveTo: '2026-08-01' } },
        'BAD_USER_INPUT',
        /overlaps the rate from 2026-07-01/,
      ],
      ['updateRate', UPDATE_RATE, { id: rate.id, input: { ...rateInput, effectiveFrom: '2026-02-30' } }, 'BAD_USER_INPUT', /calendar date/],
      ['endRate', END_RATE, { id: rate.id, to: '2025-12-01' }, 'BAD_USER_INPUT', /must be after the start/],
      ['updatePromoCode', UPDATE_PROMO, { id: promo.id, input: { code: 'SPRING10', percentOff: '101' } }, 'BAD_USER_INPUT', /at most 100/],
      ['updatePromoCode', UPDATE_PROMO, { id: promo.id, input: { code: 'NO CODE', percentOff: '5' } }, 'BAD_USER_INPUT', /letters, digits/],
      ['updateRate', UPDATE_RATE, { id: rate.id, input: rateInput, v: p.version - 1 }, 'CONFLICT', /is at version/],
      ['removeIncentive', REMOVE_INCENTIVE, { id: incentive.id, v: p.version + 1 }, 'CONFLICT', /reload and try again/],
      ['deactivatePromoCode', DEACTIVATE_PROMO, { id: promo.id, v: 0 }, 'CONFLICT', /is at version/],
    ];
    for (const [name, mutation, variables, code, message] of cases) {
      const result = await gql(t.url, mutation, variables, t.adminToken);
      expect([name, errorCode(result), result.errors?.[0].message]).toEqual([name, code, expect.stringMatching(message)]);
    }
    expect(await product(p.id)).toEqual(p);
    const integrator = await t.apiKey('INTEGRATOR');
    expect(errorCode(await gql(t.url, REMOVE_RATE, { id: rate.id }, integrator))).toBe('FORBIDDEN');
    expect(errorCode(await gql(t.url, REMOVE_INCENTIVE, { id: incentive.id }, partner))).toBe('FORBIDDEN');
    expect(await product(p.id)).toEqual(p);
    expect(await pushesFor(p.code, 1)).toEqual([`PUBLISHED ${p.version}`]);
  });
});
