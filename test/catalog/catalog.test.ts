import { addDays, todayIn } from '../../server/src/common/dates';
import { errorCode, gql, gqlOk, subscribe, wsClient } from '../support/client';
import { startTestHub, type TestHub } from '../support/hub';
import { listening } from '../support/live';

let t: TestHub;
let partner: string;
const today = todayIn('UTC');

beforeAll(async () => {
  t = await startTestHub();
  partner = await t.apiKey('PARTNER', 'Door-to-door sales partner');
});
afterAll(async () => t?.stop());

const PRODUCT_FIELDS = `id code name unit status salesStart salesEnd fixedCharge version termMonths
  rates { effectiveFrom effectiveTo unitPrice }
  promoCodes { code percentOff amountOff validFrom validTo maxRedemptions redemptions }
  incentives { kind description value }`;

const CREATE = `mutation($input: CreateProductInput!) { createProduct(input: $input) { ${PRODUCT_FIELDS} } }`;

function greenSaver(code: string) {
  return {
    code,
    name: 'Green Saver 12',
    description: '100% renewable, fixed for 12 months',
    unit: 'kWh',
    fixedCharge: '9.95',
    termMonths: 12,
    rates: [
      { effectiveFrom: '2026-01-01', effectiveTo: '2026-07-01', unitPrice: '0.1325' },
      { effectiveFrom: '2026-07-01', unitPrice: '0.1410' },
    ],
    promoCodes: [{ code: 'spring10', percentOff: '10', validFrom: '2026-01-01', validTo: '2027-01-01', maxRedemptions: 100 }],
    incentives: [{ kind: 'GIFT_CARD', description: '$50 gift card after the first paid bill', value: '50.00' }],
  };
}

async function productCount(): Promise<number> {
  const data = await gqlOk(t.url, '{ products { totalCount } }', {}, t.adminToken);
  return data.products.totalCount;
}

describe('launching a product', () => {
  it('creates, publishes, shows it to partners live, then retires it', async () => {
    const client = wsClient(t.url, partner);
    const feed = await listening(t, () =>
      subscribe(client, 'subscription { productChanged { change product { code status salesStart salesEnd version } } }'),
    );

    const created = (await gqlOk(t.url, CREATE, { input: greenSaver('GREEN-12') }, t.adminToken)).createProduct;
    expect(created).toMatchObject({
      code: 'GREEN-12',
      status: 'DRAFT',
      fixedCharge: '9.95',
      version: 1,
      rates: [
        { effectiveFrom: '2026-01-01', effectiveTo: '2026-07-01', unitPrice: '0.1325' },
        { effectiveFrom: '2026-07-01', effectiveTo: null, unitPrice: '0.141' },
      ],
      promoCodes: [{ code: 'SPRING10', percentOff: '10', amountOff: null, maxRedemptions: 100, redemptions: 0 }],
      incentives: [{ kind: 'GIFT_CARD', value: '50.00' }],
    });

    // A draft is not for sale: partners neither see it nor hear of it.
    expect((await gqlOk(t.url, '{ availableProducts { code } }', {}, partner)).availableProducts).toEqual([]);
    expect((await gqlOk(t.url, '{ product(code: "GREEN-12") { code } }', {}, partner)).product).toBeNull();

    const published = (
      await gqlOk(t.url, 'mutation($id: ID!) { publishProduct(id: $id) { status salesStart version } }', { id: created.id }, t.adminToken)
    ).publishProduct;
    expect(published).toEqual({ status: 'ACTIVE', salesStart: today, version: 2 });

    const catalog = (await gqlOk(t.url, `{ availableProducts { ${PRODUCT_FIELDS} } }`, {}, partner)).availableProducts;
    expect(catalog.map((p: { code: string }) => p.code)).toEqual(['GREEN-12']);
    expect(catalog[0].rates).toHaveLength(2);

    const [pushed] = await feed.waitFor(1);
    expect(pushed.productChanged).toMatchObject({ change: 'PUBLISHED', product: { code: 'GREEN-12', status: 'ACTIVE' } });

    const retired = (
      await gqlOk(t.url, 'mutation($id: ID!) { retireProduct(id: $id) { status salesEnd } }', { id: created.id }, t.adminToken)
    ).retireProduct;
    expect(retired).toEqual({ status: 'RETIRED', salesEnd: today });
    expect((await gqlOk(t.url, '{ availableProducts { code } }', {}, partner)).availableProducts).toEqual([]);
    // Launched and pulled today: it was never on sale, not even yesterday.
    expect((await gqlOk(t.url, '{ availableProducts(on: "' + addDays(today, -1) + '") { code } }', {}, partner)).availableProducts).toEqual(
      [],
    );
    const pushes = await feed.waitFor(2);
    expect(pushes[1].productChanged).toMatchObject({
      change: 'RETIRED',
      product: { code: 'GREEN-12', status: 'RETIRED', salesEnd: today },
    });
    expect(pushes.map((p) => p.productChanged.change)).toEqual(['PUBLISHED', 'RETIRED']);

    feed.stop();
    await client.dispose();
  });

  it('schedules a launch on a future day and serves migrated customers from a past one', async () => {
    const future = addDays(today, 10);
    const id = (await gqlOk(t.url, CREATE, { input: { ...greenSaver('FUTURE-1'), promoCodes: [], incentives: [] } }, t.adminToken))
      .createProduct.id;
    await gqlOk(t.url, 'mutation($id: ID!, $d: Date) { publishProduct(id: $id, salesStart: $d) { id } }', { id, d: future }, t.adminToken);
    const codesOn = async (on: string) =>
      (await gqlOk(t.url, 'query($on: Date) { availableProducts(on: $on) { code } }', { on }, partner)).availableProducts.map(
        (p: { code: string }) => p.code,
      );
    expect(await codesOn(today)).not.toContain('FUTURE-1');
    expect(await codesOn(future)).toContain('FUTURE-1');

    const legacy = (await gqlOk(t.url, CREATE, { input: { ...greenSaver('LEGACY-1'), promoCodes: [], incentives: [] } }, t.adminToken))
      .createProduct.id;
    await gqlOk(t.url, 'mutation($id: ID!) { publishProduct(id: $id, salesStart: "2025-06-01") { id } }', { id: legacy }, t.adminToken);
    await gqlOk(
      t.url,
      'mutation($id: ID!, $d: Date) { retireProduct(id: $id, salesEnd: $d) { id } }',
      { id: legacy, d: addDays(today, 30) },
      t.adminToken,
    );
    expect(await codesOn('2025-06-01')).toContain('LEGACY-1');
    expect(await codesOn('2025-05-31')).not.toContain('LEGACY-1');
    expect(await codesOn(addDays(today, 29))).toContain('LEGACY-1');
    expect(await codesOn(addDays(today, 30))).not.toContain('LEGACY-1');
  });
});

describe('changing a product', () => {
  let id: string;
  beforeAll(async () => {
    id = (
      await gqlOk(
        t.url,
        CREATE,
        { input: { ...greenSaver('CHANGE-1'), rates: [{ effectiveFrom: '2026-01-01', effectiveTo: '2026-04-01', unitPrice: '0.12' }] } },
        t.adminToken,
      )
    ).createProduct.id;
  });

  it('refuses a stale expectedVersion with CONFLICT and keeps the first change', async () => {
    const update =
      'mutation($id: ID!, $v: Int!, $input: UpdateProductInput!) { updateProduct(id: $id, expectedVersion: $v, input: $input) { name version fixedCharge } }';
    const first = await gqlOk(t.url, update, { id, v: 1, input: { name: 'Green Saver 12 (2026)', fixedCharge: '10.50' } }, t.adminToken);
    expect(first.updateProduct).toEqual({ name: 'Green Saver 12 (2026)', version: 2, fixedCharge: '10.50' });
    const stale = await gql(t.url, update, { id, v: 1, input: { name: 'Someone else' } }, t.adminToken);
    expect(errorCode(stale)).toBe('CONFLICT');
    expect(stale.errors?.[0].message).toMatch(/version 2/);
    const now = await gqlOk(t.url, 'query($id: ID) { product(id: $id) { name version } }', { id }, t.adminToken);
    expect(now.product).toEqual({ name: 'Green Saver 12 (2026)', version: 2 });
  });

  it('adds a rate after the last one, and refuses one that overlaps', async () => {
    const add =
      'mutation($id: ID!, $input: RateInput!) { addRate(productId: $id, input: $input) { version rates { effectiveFrom effectiveTo unitPrice } } }';
    const before = (await gqlOk(t.url, 'query($id: ID) { product(id: $id) { version } }', { id }, t.adminToken)).product.version;
    const overlap = await gql(
      t.url,
      add,
      { id, input: { effectiveFrom: '2026-03-15', effectiveTo: '2026-05-01', unitPrice: '0.13' } },
      t.adminToken,
    );
    expect(errorCode(overlap)).toBe('BAD_USER_INPUT');
    expect(overlap.errors?.[0].message).toMatch(/overlaps the rate from 2026-01-01 to 2026-04-01/);
    expect((await gqlOk(t.url, 'query($id: ID) { product(id: $id) { version rates { id } } }', { id }, t.adminToken)).product).toEqual({
      version: before,
      rates: [expect.anything()],
    });
    const added = await gqlOk(t.url, add, { id, input: { effectiveFrom: '2026-05-01', unitPrice: '0.135' } }, t.adminToken);
    expect(added.addRate.version).toBe(before + 1);
    expect(added.addRate.rates.map((r: { effectiveFrom: string }) => r.effectiveFrom)).toEqual(['2026-01-01', '2026-05-01']);
  });

  it('lets exactly one of two overlapping rates added at once in', async () => {
    const id = (await gqlOk(t.url, CREATE, { input: { ...greenSaver('RACE-1'), rates: [] } }, t.adminToken)).createProduct.id;
    const add = 'mutation($id: ID!, $input: RateInput!) { addRate(productId: $id, input: $input) { version } }';
    const results = await Promise.all(
      ['0.21', '0.22'].map((price) =>
        gql(t.url, add, { id, input: { effectiveFrom: '2027-01-01', effectiveTo: '2027-02-01', unitPrice: price } }, t.adminToken),
      ),
    );
    expect(results.filter((r) => !r.errors).length).toBe(1);
    expect(results.filter((r) => errorCode(r) === 'BAD_USER_INPUT').length).toBe(1);
    const rates = (await gqlOk(t.url, 'query($id: ID) { product(id: $id) { rates { effectiveFrom } } }', { id }, t.adminToken)).product
      .rates;
    expect(rates.filter((r: { effectiveFrom: string }) => r.effectiveFrom === '2027-01-01')).toHaveLength(1);
  });

  it('adds promo codes and incentives, refusing a duplicate code', async () => {
    const promo =
      'mutation($id: ID!, $input: PromoCodeInput!) { addPromoCode(productId: $id, input: $input) { promoCodes { code amountOff } } }';
    const ok = await gqlOk(t.url, promo, { id, input: { code: 'WELCOME25', amountOff: '25.00' } }, t.adminToken);
    expect(ok.addPromoCode.promoCodes.map((p: { code: string }) => p.code)).toEqual(['SPRING10', 'WELCOME25']);
    expect(errorCode(await gql(t.url, promo, { id, input: { code: 'welcome25', amountOff: '5.00' } }, t.adminToken))).toBe(
      'BAD_USER_INPUT',
    );
    const incentive =
      'mutation($id: ID!, $input: IncentiveInput!) { addIncentive(productId: $id, input: $input) { incentives { kind value } } }';
    const inc = await gqlOk(
      t.url,
      incentive,
      { id, input: { kind: 'BILL_CREDIT', description: '$30 off the first bill', value: '30.00' } },
      t.adminToken,
    );
    expect(inc.addIncentive.incentives).toEqual([
      { kind: 'GIFT_CARD', value: '50.00' },
      { kind: 'BILL_CREDIT', value: '30.00' },
    ]);
  });

  it('records who changed what in the audit log', async () => {
    const log = await gqlOk(
      t.url,
      'query($id: String) { auditLog(subjectType: "Product", subjectId: $id) { nodes { actor action before after } } }',
      { id },
      t.adminToken,
    );
    const actions = log.auditLog.nodes.map((n: { action: string }) => n.action);
    expect(actions).toEqual(expect.arrayContaining(['createProduct', 'updateProduct', 'addRate', 'addPromoCode', 'addIncentive']));
    const update = log.auditLog.nodes.find((n: { action: string }) => n.action === 'updateProduct');
    expect(update.actor).toBe('admin');
    expect(update.before.name).toBe('Green Saver 12');
    expect(update.after.name).toBe('Green Saver 12 (2026)');
  });
});

describe('bad input changes nothing', () => {
  const cases: Array<[string, Record<string, unknown>, RegExp]> = [
    ['a code with spaces', { code: 'GREEN 12' }, /code/i],
    ['an empty name', { name: '  ' }, /name must not be empty/],
    ['a name over 128 characters', { name: 'x'.repeat(129) }, /at most 128/],
    ['a negative fixed charge', { fixedCharge: '-1.00' }, /fixedCharge/],
    ['three fraction digits of money', { fixedCharge: '9.955' }, /at most 2 fraction digits/],
    ['seven fraction digits of a rate', { rates: [{ effectiveFrom: '2026-01-01', unitPrice: '0.1234567' }] }, /at most 6 fraction digits/],
    ['a date that does not exist', { salesStart: '2026-02-30' }, /calendar date/],
    [
      'a rate ending before it starts',
      { rates: [{ effectiveFrom: '2026-03-01', effectiveTo: '2026-02-01', unitPrice: '0.1' }] },
      /must be after/,
    ],
    [
      'overlapping rates',
      {
        rates: [
          { effectiveFrom: '2026-01-01', unitPrice: '0.1' },
          { effectiveFrom: '2026-06-01', effectiveTo: '2026-07-01', unitPrice: '0.2' },
        ],
      },
      /overlaps/,
    ],
    ['a promo over 100 percent', { promoCodes: [{ code: 'HALF', percentOff: '100.5' }] }, /at most 100/],
    ['a promo with neither discount', { promoCodes: [{ code: 'NOTHING' }] }, /percentOff or amountOff/],
    ['a zero-value incentive', { incentives: [{ kind: 'GIFT_CARD', description: 'Nothing', value: '0' }] }, /more than 0/],
    ['a zero term', { termMonths: 0 }, /termMonths/],
    ['a sales window ending before it starts', { salesStart: '2026-05-01', salesEnd: '2026-04-01' }, /must be after/],
  ];

  it.each(cases)('refuses %s with BAD_USER_INPUT', async (_label, override, message) => {
    const before = await productCount();
    const result = await gql(t.url, CREATE, { input: { ...greenSaver('BAD-1'), ...override } }, t.adminToken);
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0].message).toMatch(message);
    expect(await productCount()).toBe(before);
  });

  it('refuses a duplicate product code with CONFLICT', async () => {
    await gqlOk(t.url, CREATE, { input: greenSaver('DUP-1') }, t.adminToken);
    const before = await productCount();
    expect(errorCode(await gql(t.url, CREATE, { input: greenSaver('DUP-1') }, t.adminToken))).toBe('CONFLICT');
    expect(await productCount()).toBe(before);
  });

  it('answers unknown products with NOT_FOUND and wrong states with INVALID_STATE', async () => {
    expect(errorCode(await gql(t.url, 'mutation { publishProduct(id: "987654") { id } }', {}, t.adminToken))).toBe('NOT_FOUND');
    const id = (await gqlOk(t.url, CREATE, { input: greenSaver('STATE-1') }, t.adminToken)).createProduct.id;
    expect(errorCode(await gql(t.url, 'mutation($id: ID!) { retireProduct(id: $id) { id } }', { id }, t.adminToken))).toBe('INVALID_STATE');
    await gqlOk(t.url, 'mutation($id: ID!) { publishProduct(id: $id) { id } }', { id }, t.adminToken);
    expect(errorCode(await gql(t.url, 'mutation($id: ID!) { publishProduct(id: $id) { id } }', { id }, t.adminToken))).toBe(
      'INVALID_STATE',
    );
  });

  it('keeps partners out of everything but the catalog', async () => {
    expect(errorCode(await gql(t.url, '{ products { totalCount } }', {}, partner))).toBe('FORBIDDEN');
    expect(errorCode(await gql(t.url, CREATE, { input: greenSaver('PARTNER-1') }, partner))).toBe('FORBIDDEN');
  });
});
