import { errorCode, gql, gqlOk } from '../support/client';
import { account, enroll, publishedProduct, unique } from '../support/factories';
import { startTestHub, type TestHub } from '../support/hub';
import { checkMoneyAndStop } from '../support/money-invariants';
import { sql } from '../support/sql';
import { billsOf, recordUsage, runBilling, setRules } from '../billing/credits';
import { createPath, runCollections } from '../collections/helpers';
import { addTaxRate, RATE_FIELDS, taxRates, uniqueZone } from './helpers';

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(async () => checkMoneyAndStop(t));

const ADD = `mutation($input: TaxRateInput!) { addTaxRate(input: $input) { ${RATE_FIELDS} } }`;
const END = `mutation($id: ID!, $to: Date!) { endTaxRate(id: $id, effectiveTo: $to) { ${RATE_FIELDS} } }`;
const ACCOUNT_TAX = 'taxZone taxExempt taxExemptionRef';
const BILLS = `query($id: ID) { account(id: $id) { invoices(first: 20) { nodes { id total status lines { kind amount taxCode description } } } } }`;

describe('tax rates', () => {
  it('adds, lists by zone and ends rates, effective-dated per zone and code, with an audit entry', async () => {
    const zone = uniqueZone();
    const state = await addTaxRate(t, {
      zone: zone.toLowerCase(),
      code: 'state',
      name: 'State sales tax',
      percent: '6.25',
      appliesTo: ['USAGE', 'FIXED', 'USAGE'],
      effectiveFrom: '2026-01-01',
    });
    await addTaxRate(t, { zone, code: 'CITY', percent: '2', appliesTo: ['USAGE'], effectiveFrom: '2026-01-01' });
    const ended = await gqlOk(t.url, END, { id: state.id, to: '2026-04-01' }, t.adminToken);
    await addTaxRate(t, {
      zone,
      code: 'STATE',
      name: 'State sales tax',
      percent: '6.5',
      appliesTo: ['USAGE', 'FIXED'],
      effectiveFrom: '2026-04-01',
    });

    expect(ended.endTaxRate).toMatchObject({
      zone,
      code: 'STATE',
      effectiveTo: '2026-04-01',
      percent: '6.25',
      appliesTo: ['USAGE', 'FIXED'],
    });
    expect((await taxRates(t, zone.toLowerCase())).map((r) => [r.code, r.percent, r.effectiveFrom, r.effectiveTo])).toEqual([
      ['CITY', '2', '2026-01-01', null],
      ['STATE', '6.25', '2026-01-01', '2026-04-01'],
      ['STATE', '6.5', '2026-04-01', null],
    ]);
    const audit = await sql(t, "SELECT action FROM audit_entry WHERE subject_type = 'TaxRate' AND subject_id = ? ORDER BY id", [state.id]);
    expect(audit.map((r) => r.action)).toEqual(['addTaxRate', 'endTaxRate']);
  });

  it.each([
    ['a percent below 0', { percent: '-0.01' }, /percent must be from 0 to 100/],
    ['a percent over 100', { percent: '100.000001' }, /percent must be from 0 to 100/],
    ['an empty appliesTo', { appliesTo: [] }, /appliesTo must list at least one line kind/],
    ['a zone with a dash', { zone: 'NORTH-1' }, /Tax zone "NORTH-1" may use letters, digits and _ only/],
    ['a code with a space', { code: 'CITY TAX' }, /Tax code "CITY TAX" may use letters, digits and _ only/],
    ['an end before the start', { effectiveTo: '2025-12-01' }, /effectiveTo 2025-12-01 must be after effectiveFrom 2026-01-01/],
  ])('refuses %s with BAD_USER_INPUT and stores nothing', async (_what, over, message) => {
    const zone = uniqueZone();
    const input = { zone, code: 'STATE', name: 'State', percent: '5', appliesTo: ['USAGE'], effectiveFrom: '2026-01-01', ...over };
    const result = await gql(t.url, ADD, { input }, t.adminToken);
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0].message).toMatch(message);
    const [{ n }] = await sql(t, 'SELECT COUNT(*) AS n FROM tax_rate WHERE zone = ?', [zone]);
    expect(Number(n)).toBe(0);
  });

  it('refuses a rate that overlaps one of the same zone and code, naming it, and lets other codes and adjacent periods in', async () => {
    const zone = uniqueZone();
    const first = await addTaxRate(t, {
      zone,
      code: 'STATE',
      percent: '5',
      appliesTo: ['USAGE'],
      effectiveFrom: '2026-01-01',
      effectiveTo: '2026-03-01',
    });
    const before = await taxRates(t, zone);

    const overlap = await gql(
      t.url,
      ADD,
      { input: { zone, code: 'STATE', name: 'x', percent: '6', appliesTo: ['USAGE'], effectiveFrom: '2026-02-28' } },
      t.adminToken,
    );
    expect(errorCode(overlap)).toBe('BAD_USER_INPUT');
    expect(overlap.errors?.[0].message).toContain(`overlaps tax rate ${first.id} from 2026-01-01 to 2026-03-01`);
    expect(await taxRates(t, zone)).toEqual(before);

    await addTaxRate(t, { zone, code: 'STATE', percent: '6', appliesTo: ['USAGE'], effectiveFrom: '2026-03-01' });
    await addTaxRate(t, { zone, code: 'CITY', percent: '1', appliesTo: ['USAGE'], effectiveFrom: '2026-02-01' });
    // Moving the first rate's end into the next one overlaps it too.
    const longer = await gql(t.url, END, { id: first.id, to: '2026-03-02' }, t.adminToken);
    expect(errorCode(longer)).toBe('BAD_USER_INPUT');
    expect(longer.errors?.[0].message).toMatch(/overlaps tax rate \d+ from 2026-03-01 to open end/);
    expect(errorCode(await gql(t.url, END, { id: first.id, to: '2026-01-01' }, t.adminToken))).toBe('BAD_USER_INPUT');
    expect(errorCode(await gql(t.url, END, { id: '999999', to: '2026-05-01' }, t.adminToken))).toBe('NOT_FOUND');
    expect((await taxRates(t, zone)).length).toBe(3);
  });

  it.each([1, 2, 3, 4, 5])('keeps one of twenty identical rates added at once, refusing the others as overlapping (round %i)', async () => {
    const zone = uniqueZone();
    const input = { zone, code: 'ST', name: 'State', percent: '5', appliesTo: ['USAGE'], effectiveFrom: '2026-01-01' };
    const added = await Promise.all(
      Array.from({ length: 20 }, () =>
        gql(t.url, `mutation($input: TaxRateInput!) { addTaxRate(input: $input) { id } }`, { input }, t.adminToken),
      ),
    );
    expect(added.map((r) => (r.errors ? errorCode(r) : 'ADDED')).sort()).toEqual(['ADDED', ...Array(19).fill('BAD_USER_INPUT')]);
    expect(await sql(t, 'SELECT id FROM tax_rate WHERE zone = ?', [zone])).toHaveLength(1);
  });

  it('lets integrators read tax rates but not change them', async () => {
    const key = await t.apiKey('INTEGRATOR', unique('tax-reader'));
    expect((await gql(t.url, `{ taxRates { id } }`, {}, key)).errors).toBeUndefined();
    const denied = await gql(
      t.url,
      ADD,
      { input: { zone: 'X', code: 'Y', name: 'z', percent: '1', appliesTo: ['USAGE'], effectiveFrom: '2026-01-01' } },
      key,
    );
    expect(errorCode(denied)).toBe('FORBIDDEN');
  });
});

describe('account tax fields', () => {
  it('defaults to the DEFAULT zone, not exempt, and takes a zone, exemption and reference on create and update', async () => {
    const plain = await gqlOk(t.url, `query($id: ID) { account(id: $id) { ${ACCOUNT_TAX} } }`, { id: (await account(t)).id }, t.adminToken);
    expect(plain.account).toEqual({ taxZone: 'DEFAULT', taxExempt: false, taxExemptionRef: null });

    const created = await gqlOk(
      t.url,
      `mutation($input: CreateAccountInput!) { createAccount(input: $input) { id ${ACCOUNT_TAX} } }`,
      {
        input: {
          number: unique('TAXACC'),
          name: 'Church',
          segment: 'COMMERCIAL',
          taxZone: 'north_1',
          taxExempt: true,
          taxExemptionRef: 'EX-4411',
        },
      },
      t.adminToken,
    );
    expect(created.createAccount).toMatchObject({ taxZone: 'NORTH_1', taxExempt: true, taxExemptionRef: 'EX-4411' });

    const UPDATE = `mutation($id: ID!, $input: UpdateAccountInput!) { updateAccount(id: $id, input: $input) { ${ACCOUNT_TAX} } }`;
    const updated = await gqlOk(
      t.url,
      UPDATE,
      { id: created.createAccount.id, input: { taxZone: 'south', taxExempt: false, taxExemptionRef: null } },
      t.adminToken,
    );
    expect(updated.updateAccount).toEqual({ taxZone: 'SOUTH', taxExempt: false, taxExemptionRef: null });

    for (const input of [{ taxZone: 'SOUTH-2' }, { taxZone: null }, { taxExempt: null }, { taxExemptionRef: 'x'.repeat(129) }]) {
      const refused = await gql(t.url, UPDATE, { id: created.createAccount.id, input }, t.adminToken);
      expect([JSON.stringify(input), errorCode(refused)]).toEqual([JSON.stringify(input), 'BAD_USER_INPUT']);
    }
    const still = await gqlOk(
      t.url,
      `query($id: ID) { account(id: $id) { ${ACCOUNT_TAX} } }`,
      { id: created.createAccount.id },
      t.adminToken,
    );
    expect(still.account).toEqual({ taxZone: 'SOUTH', taxExempt: false, taxExemptionRef: null });
  });
});

describe('taxes on invoices', () => {
  it("adds one TAX line per code in effect on the invoice's last day, in the total; none for an exempt account", async () => {
    const zone = uniqueZone();
    // The state tax changes on Feb 15 and the city tax starts Feb 1: January's invoice (last day Jan 31) sees 6 % only.
    await addTaxRate(t, {
      zone,
      code: 'STATE',
      name: 'State tax',
      percent: '6',
      appliesTo: ['USAGE', 'FIXED', 'CREDIT'],
      effectiveFrom: '2025-01-01',
      effectiveTo: '2026-02-15',
    });
    await addTaxRate(t, {
      zone,
      code: 'STATE',
      name: 'State tax',
      percent: '7.25',
      appliesTo: ['USAGE', 'FIXED', 'CREDIT'],
      effectiveFrom: '2026-02-15',
    });
    await addTaxRate(t, {
      zone,
      code: 'CITY',
      name: 'City utility tax',
      percent: '4.5',
      appliesTo: ['USAGE'],
      effectiveFrom: '2026-02-01',
    });
    const product = await publishedProduct(t, { fixedCharge: '10.00', rates: [{ effectiveFrom: '2025-01-01', unitPrice: '0.1' }] });
    const taxed = await account(t, { taxZone: zone });
    const exempt = await account(t, { taxZone: zone, taxExempt: true, taxExemptionRef: 'CERT-1' });
    for (const a of [taxed, exempt]) {
      await enroll(t, a.id, product.code, '2026-01-01');
      await recordUsage(t, a.number, '2026-01-01', '2026-02-01', 333);
      await recordUsage(t, a.number, '2026-02-01', '2026-03-01', 100);
    }
    await runBilling(t, '2026-02-01');
    await runBilling(t, '2026-03-01');

    const [january, february] = await billsOf(t, taxed.id);
    const taxLines = (id: string) =>
      sql(t, "SELECT tax_code, amount FROM invoice_line WHERE invoice_id = ? AND kind = 'TAX' ORDER BY position", [id]);
    // January: 33.30 usage + 10.00 fixed = 43.30; 6 % is 2.598 -> 2.60.
    expect((await taxLines(january.id)).map((r) => [r.tax_code, Number(r.amount)])).toEqual([['STATE', 260]]);
    expect(january.total).toBe('45.90');
    // February: 10.00 usage + 10.00 fixed; city 4.5 % of 10.00 = 0.45, state 7.25 % of 20.00 = 1.45.
    const data = await gqlOk(t.url, BILLS, { id: taxed.id }, t.adminToken);
    const feb = data.account.invoices.nodes.find((i: { id: string }) => i.id === february.id);
    expect(feb.lines.filter((l: { kind: string }) => l.kind === 'TAX')).toEqual([
      { kind: 'TAX', amount: '0.45', taxCode: 'CITY', description: 'City utility tax 4.5% of 10.00' },
      { kind: 'TAX', amount: '1.45', taxCode: 'STATE', description: 'State tax 7.25% of 20.00' },
    ]);
    expect(feb.total).toBe('21.90');
    expect(feb.lines.filter((l: { kind: string }) => l.kind !== 'TAX').every((l: { taxCode: string | null }) => l.taxCode === null)).toBe(
      true,
    );

    const exemptBills = await billsOf(t, exempt.id);
    expect(exemptBills.map((b) => [b.total, b.lines.some((l) => l.kind === 'TAX')])).toEqual([
      ['43.30', false],
      ['20.00', false],
    ]);
  });

  it('holds an invoice that only the tax takes over the maximum amount', async () => {
    const zone = uniqueZone();
    const segment = uniqueZone('SEG');
    await setRules(t, segment, { highConsumptionFactor: '1000', swingPercent: '1000', maxInvoiceAmount: '20.50' });
    await addTaxRate(t, { zone, code: 'VAT', percent: '10', appliesTo: ['USAGE', 'FIXED'], effectiveFrom: '2025-01-01' });
    const product = await publishedProduct(t, { fixedCharge: '10.00', rates: [{ effectiveFrom: '2025-01-01', unitPrice: '0.1' }] });
    const customer = await account(t, { taxZone: zone, segment });
    await enroll(t, customer.id, product.code, '2026-01-01');
    await recordUsage(t, customer.number, '2026-01-01', '2026-02-01', 100);
    await runBilling(t, '2026-02-01');

    const [bill] = await billsOf(t, customer.id);
    expect([bill.status, bill.total]).toEqual(['HELD', '22.00']);
  });

  it("taxes a late fee with the zone's rates that apply to fees, on its issue date", async () => {
    const zone = uniqueZone();
    const segment = uniqueZone('LATE');
    await addTaxRate(t, { zone, code: 'STATE', percent: '8', appliesTo: ['USAGE', 'FIXED', 'FEE'], effectiveFrom: '2025-01-01' });
    await addTaxRate(t, { zone, code: 'CITY', percent: '3', appliesTo: ['USAGE'], effectiveFrom: '2025-01-01' });
    await createPath(t, {
      name: `Late ${segment}`,
      segments: [segment],
      steps: [{ name: 'Late fee', daysPastDue: 5, minPastDue: '1.00', action: 'LATE_FEE', feeAmount: '12.34' }],
    });
    const product = await publishedProduct(t, { fixedCharge: '10.00', rates: [{ effectiveFrom: '2025-01-01', unitPrice: '0.1' }] });
    const customer = await account(t, { taxZone: zone, segment });
    await enroll(t, customer.id, product.code, '2026-01-01');
    await recordUsage(t, customer.number, '2026-01-01', '2026-02-01', 100);
    await runBilling(t, '2026-02-01');
    await runCollections(t, '2026-03-31');

    const fee = (await gqlOk(t.url, BILLS, { id: customer.id }, t.adminToken)).account.invoices.nodes.find(
      (i: { lines: Array<{ kind: string }> }) => i.lines.some((l) => l.kind === 'FEE'),
    );
    // 8 % of 12.34 = 0.9872 -> 0.99; the city tax applies to usage only, so the fee invoice shows none.
    expect(fee.lines.map((l: { kind: string; amount: string; taxCode: string | null }) => [l.kind, l.amount, l.taxCode])).toEqual([
      ['FEE', '12.34', null],
      ['TAX', '0.99', 'STATE'],
    ]);
    expect(fee.total).toBe('13.33');
    // The customer's bill says what the fee is for: the 21.90 past due (20.00 and its 1.90 of tax).
    expect(fee.lines[0].description).toBe('Late fee: 21.90 past due on 2026-03-31');
  });
});
