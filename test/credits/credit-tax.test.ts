import { gql, gqlOk } from '../support/client';
import { account, enroll, publishedProduct, unique } from '../support/factories';
import { startTestHub, type TestHub } from '../support/hub';
import { checkMoneyAndStop } from '../support/money-invariants';
import { addTaxRate, uniqueZone } from '../taxes/helpers';
import { invoices, JAN, record, run, segments, type InvoiceView } from '../usage/corrections-support';
import { CREDIT } from './helpers';

/**
 * The tax a credit note credits, through the API: by line, the tax of the
 * credited taxable amounts at the invoice's rates, half-up per code; in full,
 * every TAX line as it stands; a corrected read's rebill credit, the tax on its
 * usage and promo credit. A zone of two codes: STATE 6.25 % on USAGE, FIXED and
 * CREDIT (the promo lowers its base), CITY 1.5 % on USAGE. 0.10 a kWh, 9.95
 * fixed, 10 % off the usage.
 */
let t: TestHub;
let open: string;
beforeAll(async () => {
  t = await startTestHub();
  ({ open } = await segments(t));
});
afterAll(async () => checkMoneyAndStop(t));

async function taxedCustomer(stateKinds = ['USAGE', 'FIXED', 'CREDIT']): Promise<{ id: string; number: string }> {
  const zone = uniqueZone();
  await addTaxRate(t, { zone, code: 'STATE', name: 'State tax', percent: '6.25', appliesTo: stateKinds, effectiveFrom: '2025-01-01' });
  await addTaxRate(t, { zone, code: 'CITY', name: 'City tax', percent: '1.5', appliesTo: ['USAGE'], effectiveFrom: '2025-01-01' });
  const promo = unique('TENOFF').replace(/-/g, '_').toUpperCase();
  const product = await publishedProduct(
    t,
    { fixedCharge: '9.95', rates: [{ effectiveFrom: '2020-01-01', unitPrice: '0.10' }], promoCodes: [{ code: promo, percentOff: '10' }] },
    '2020-01-01',
  );
  const a = await account(t, { segment: open, taxZone: zone });
  await enroll(t, a.id, product.code, '2020-01-01', promo);
  return a;
}

const line = (inv: InvoiceView, kind: string, description?: RegExp) => {
  const found = inv.lines.find((l) => l.kind === kind && (!description || description.test(l.description)));
  if (!found) throw new Error(`no ${kind} line`);
  return found;
};

async function creditOk(invoiceId: string, items?: Array<{ invoiceLineId: string; amount: string }>) {
  const result = await gql(t.url, CREDIT, { input: { reason: 'Rate fixed', invoiceId, ...(items ? { items } : {}) } }, t.adminToken);
  expect(result.errors).toBeUndefined();
  return result.data!.creditInvoice as {
    total: string;
    lines: Array<{ kind: string; amount: string; description: string; invoiceLine: { id: string } | null }>;
  };
}

const taxLinesOf = (note: { lines: Array<{ kind: string; amount: string; invoiceLine: { id: string } | null }> }) =>
  note.lines.filter((l) => l.kind === 'TAX').map((l) => [l.invoiceLine?.id, l.amount]);

describe('tax on credit notes', () => {
  it('credits by line the tax of the credited amounts per code to the cent, then the rest in full', async () => {
    const a = await taxedCustomer();
    await record(t, [{ accountNumber: a.number, ...JAN, quantity: '456' }]);
    await run(t, '2026-02-01');
    const [inv] = await invoices(t, a.id);
    // 45.60 usage + 9.95 fixed - 4.56 promo = 50.99; STATE 6.25 % of 50.99 = 3.186875 -> 3.19; CITY 1.5 % of 45.60 = 0.684 -> 0.68.
    const state = line(inv, 'TAX', /^State tax/);
    const city = line(inv, 'TAX', /^City tax/);
    expect([state.amount, city.amount, inv.total]).toEqual(['3.19', '0.68', '54.86']);

    // 12.34 of usage: STATE 0.77125 -> 0.77, CITY 0.1851 -> 0.19.
    const first = await creditOk(inv.id, [{ invoiceLineId: line(inv, 'USAGE').id, amount: '12.34' }]);
    // TAX lines come in code order, as on the invoice.
    expect(taxLinesOf(first)).toEqual([
      [city.id, '0.19'],
      [state.id, '0.77'],
    ]);
    expect(first.lines.find((l) => l.invoiceLine?.id === state.id)?.description).toBe('State tax 6.25% of 12.34');
    expect(first.total).toBe('13.30');

    // The fixed charge and 1.00 of the promo: STATE on 8.95 = 0.559375 -> 0.56; no usage, no CITY.
    const second = await creditOk(inv.id, [
      { invoiceLineId: line(inv, 'FIXED').id, amount: '9.95' },
      { invoiceLineId: line(inv, 'CREDIT').id, amount: '-1.00' },
    ]);
    expect(taxLinesOf(second)).toEqual([[state.id, '0.56']]);
    expect(second.total).toBe('9.51');

    // In full: every line for what is left, the TAX lines exactly, and the invoice nets to zero.
    const full = await creditOk(inv.id);
    expect(taxLinesOf(full)).toEqual([
      [city.id, '0.49'],
      [state.id, '1.86'],
    ]);
    expect(full.total).toBe('32.05');
    const [after] = await invoices(t, a.id);
    expect(after).toMatchObject({ amountCredited: '54.86', amountDue: '0.00', status: 'PAID' });
  });

  it('credits a fully taxed invoice in full: the TAX lines as they stand', async () => {
    const a = await taxedCustomer();
    await record(t, [{ accountNumber: a.number, ...JAN, quantity: '100' }]);
    await run(t, '2026-02-01');
    const [inv] = await invoices(t, a.id);
    const full = await creditOk(inv.id);
    expect(taxLinesOf(full)).toEqual(inv.lines.filter((l) => l.kind === 'TAX').map((l) => [l.id, l.amount]));
    expect(full.total).toBe(inv.total);
  });

  it("credits a corrected read's usage, its promo share and the tax on both", async () => {
    const a = await taxedCustomer();
    await record(t, [{ accountNumber: a.number, ...JAN, quantity: '100', estimated: true }]);
    await run(t, '2026-02-01');
    const [inv] = await invoices(t, a.id);
    // 10.00 + 9.95 - 1.00 = 18.95; STATE 1.184375 -> 1.18; CITY 0.15.
    expect(inv.total).toBe('20.28');
    await record(t, [{ accountNumber: a.number, ...JAN, quantity: '120' }]);
    const [credited] = await invoices(t, a.id);
    expect(credited.creditNotes).toHaveLength(1);
    const note = credited.creditNotes[0];
    // STATE on 10.00 - 1.00 = 0.5625 -> 0.56; CITY on 10.00 = 0.15.
    expect(note.lines.map((l) => [l.kind, l.amount, l.invoiceLine?.id])).toEqual([
      ['USAGE', '10.00', line(inv, 'USAGE').id],
      ['CREDIT', '-1.00', line(inv, 'CREDIT').id],
      ['TAX', '0.15', line(inv, 'TAX', /^City tax/).id],
      ['TAX', '0.56', line(inv, 'TAX', /^State tax/).id],
    ]);
    expect(note.total).toBe('9.71');
    expect(credited.amountCredited).toBe('9.71');

    const rows = await gqlOk(t.url, 'query($id: ID!) { invoice(id: $id) { amountCredited total } }', { id: inv.id }, t.adminToken);
    expect(rows.invoice).toEqual({ amountCredited: '9.71', total: '20.28' });
  });

  it('credits no tax on a charge added as not taxable, and tax on one added as taxable', async () => {
    const a = await taxedCustomer(['USAGE', 'FIXED', 'CREDIT', 'CHARGE']);
    const add = 'mutation($input: AddChargeInput!) { addCharge(input: $input) { id } }';
    for (const [description, amount, taxable] of [
      ['Meter test visit', '20.00', false],
      ['Site visit', '10.00', true],
    ] as const)
      await gqlOk(t.url, add, { input: { accountId: a.id, description, amount, taxable } }, t.adminToken);
    await record(t, [{ accountNumber: a.number, ...JAN, quantity: '100' }]);
    await run(t, '2026-02-01');
    const [inv] = await invoices(t, a.id);
    // STATE base 10.00 + 9.95 - 1.00 + 10.00 = 28.95 -> 1.809375 -> 1.81; the 20.00 charge is not in it.
    expect(line(inv, 'TAX', /^State tax/).amount).toBe('1.81');
    const note = await creditOk(inv.id, [
      { invoiceLineId: line(inv, 'CHARGE', /Meter test/).id, amount: '20.00' },
      { invoiceLineId: line(inv, 'CHARGE', /Site visit/).id, amount: '10.00' },
    ]);
    // STATE on 10.00 = 0.625 -> 0.63 (half-up); no usage, no CITY.
    expect(taxLinesOf(note)).toEqual([[line(inv, 'TAX', /^State tax/).id, '0.63']]);
    expect(note.total).toBe('30.63');
  });
});
