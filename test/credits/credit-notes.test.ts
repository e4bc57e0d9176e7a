import { errorCode, gqlOk } from '../support/client';
import { accountWithInvoices } from '../support/billing';
import { account, enroll, publishedProduct } from '../support/factories';
import { startTestHub, type TestHub } from '../support/hub';
import { checkMoneyAndStop } from '../support/money-invariants';
import { accountState, bill, credit, invoice, pay, runBilling, type InvoiceLineView } from './helpers';

/**
 * Credit notes through the API: by line and in full, what goes to the invoice
 * and what becomes unapplied credit, rebilling, and what is refused.
 * Invoices of the helper: kWh x 0.10 (USAGE) + 9.95 (FIXED).
 */
let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(async () => checkMoneyAndStop(t));

const lineOf = (lines: InvoiceLineView[], kind: string) => {
  const line = lines.find((l) => l.kind === kind);
  if (!line) throw new Error(`no ${kind} line`);
  return line;
};

describe('credit notes', () => {
  it('credits part of a line, then the rest of the invoice in full; the invoice nets to zero and is PAID', async () => {
    const a = await accountWithInvoices(t, [{ start: '2026-01-01', end: '2026-02-01', kwh: 450 }]);
    const inv = await invoice(t, a.invoices[0].id);
    expect(inv.total).toBe('54.95');
    const usage = lineOf(inv.lines, 'USAGE');

    const first = await credit(t, { invoiceId: inv.id, items: [{ invoiceLineId: usage.id, amount: '10.00' }] });
    expect(first.errors).toBeUndefined();
    const note = first.data!.creditInvoice;
    expect(note.number).toMatch(/^CN-\d{8}$/);
    expect(note).toMatchObject({
      total: '10.00',
      appliedToInvoice: '10.00',
      reason: 'Meter misread',
      lines: [{ kind: 'USAGE', amount: '10.00', invoiceLine: { id: usage.id, kind: 'USAGE' } }],
      invoice: { status: 'ISSUED', amountDue: '44.95', amountCredited: '10.00' },
    });
    expect((await invoice(t, inv.id)).amountPaid).toBe('0.00');

    // Past what the line has left: 35.00 of 45.00 remain.
    const tooMuch = await credit(t, { invoiceId: inv.id, items: [{ invoiceLineId: usage.id, amount: '35.01' }] });
    expect(errorCode(tooMuch)).toBe('BAD_USER_INPUT');
    expect(tooMuch.errors![0].message).toContain('35.00 left to credit');

    const full = await credit(t, { invoiceId: inv.id });
    expect(full.errors).toBeUndefined();
    expect(full.data!.creditInvoice).toMatchObject({ total: '44.95', appliedToInvoice: '44.95' });
    expect(full.data!.creditInvoice.lines.map((l: { kind: string; amount: string }) => [l.kind, l.amount])).toEqual([
      ['USAGE', '35.00'],
      ['FIXED', '9.95'],
    ]);
    const after = await invoice(t, inv.id);
    expect(after).toMatchObject({ status: 'PAID', amountPaid: '0.00', amountCredited: '54.95', amountDue: '0.00' });
    expect(after.creditNotes.map((n: { total: string }) => n.total)).toEqual(['10.00', '44.95']);

    const nothing = await credit(t, { invoiceId: inv.id });
    expect(errorCode(nothing)).toBe('BAD_USER_INPUT');
    expect(nothing.errors![0].message).toContain('nothing left to credit');
    const state = await accountState(t, a.id);
    expect(state).toMatchObject({ balance: '0.00', unappliedCredit: '0.00' });
    expect(state.creditNotes.totalCount).toBe(2);

    const events = await gqlOk(
      t.url,
      '{ events(types: [CREDIT_NOTE_ISSUED], first: 500) { nodes { subjectId payload } } }',
      {},
      t.adminToken,
    );
    expect(events.events.nodes.find((e: { subjectId: string }) => e.subjectId === note.id).payload).toMatchObject({
      total: '10.00',
      appliedToInvoice: '10.00',
    });
  });

  it('puts what a paid invoice no longer owes into unapplied credit, which pays the next invoice as it is issued', async () => {
    const a = await accountWithInvoices(t, [{ start: '2026-01-01', end: '2026-02-01', kwh: 450 }]);
    const inv = a.invoices[0];
    await pay(t, a.number, '50.00');
    const full = await credit(t, { invoiceId: inv.id });
    expect(full.data!.creditInvoice).toMatchObject({
      total: '54.95',
      appliedToInvoice: '4.95',
      invoice: { status: 'PAID', amountDue: '0.00' },
    });
    expect(await accountState(t, a.id)).toMatchObject({ balance: '-50.00', unappliedCredit: '50.00' });
    expect(await invoice(t, inv.id)).toMatchObject({ amountPaid: '50.00', amountCredited: '54.95', amountDue: '0.00' });

    // Next month: 300 kWh x 0.10 + 9.95 = 39.95, paid by the credit at once.
    await bill(t, a.number, '2026-02-01', '2026-03-01', 300);
    const state = await accountState(t, a.id);
    const next = state.invoices.nodes.find((i: { id: string }) => i.id !== inv.id);
    expect(next).toMatchObject({ total: '39.95', status: 'PAID', amountPaid: '39.95', amountDue: '0.00' });
    expect(state).toMatchObject({ balance: '-10.05', unappliedCredit: '10.05' });
  });

  it('with rebill, returns the reads to unbilled: the next run bills them on a new invoice', async () => {
    const a = await accountWithInvoices(t, [{ start: '2026-01-01', end: '2026-02-01', kwh: 450 }]);
    const inv = a.invoices[0];
    const byItem = await credit(t, { invoiceId: inv.id, rebill: true, items: [{ invoiceLineId: '1', amount: '1.00' }] });
    expect(errorCode(byItem)).toBe('BAD_USER_INPUT');
    const full = await credit(t, { invoiceId: inv.id, rebill: true, reason: 'Wrong rate' });
    expect(full.errors).toBeUndefined();
    await runBilling(t, '2026-02-01');
    const state = await accountState(t, a.id);
    expect(state.invoices.nodes.map((i: { status: string; total: string; amountDue: string }) => [i.status, i.total, i.amountDue])).toEqual(
      [
        ['ISSUED', '54.95', '54.95'],
        ['PAID', '54.95', '0.00'],
      ],
    );
    expect(state.balance).toBe('54.95');
  });

  it('refuses VOID and unknown invoices, lines of another invoice, and amounts of 0 or of the wrong sign, changing nothing', async () => {
    const a = await accountWithInvoices(t, [
      { start: '2026-01-01', end: '2026-02-01', kwh: 450 },
      { start: '2026-02-01', end: '2026-03-01', kwh: 400 },
    ]);
    const [jan, feb] = a.invoices;
    const febLines = (await invoice(t, feb.id)).lines;
    await gqlOk(
      t.url,
      'mutation($id: ID!) { voidInvoice(id: $id, reason: "Duplicate") { status voidReason } }',
      { id: jan.id },
      t.adminToken,
    );
    expect(
      (await gqlOk(t.url, 'query($id: ID!) { invoice(id: $id) { voidReason } }', { id: jan.id }, t.adminToken)).invoice.voidReason,
    ).toBe('Duplicate');
    expect(errorCode(await credit(t, { invoiceId: jan.id }))).toBe('INVALID_STATE');
    expect(errorCode(await credit(t, { invoiceId: '999999999' }))).toBe('NOT_FOUND');
    const janLine = (await invoice(t, jan.id)).lines[0];
    const other = await credit(t, { invoiceId: feb.id, items: [{ invoiceLineId: janLine.id, amount: '1.00' }] });
    expect(errorCode(other)).toBe('BAD_USER_INPUT');
    expect(other.errors![0].message).toContain('not a line of this invoice');
    const usage = lineOf(febLines, 'USAGE');
    expect(errorCode(await credit(t, { invoiceId: feb.id, items: [{ invoiceLineId: usage.id, amount: '0.00' }] }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await credit(t, { invoiceId: feb.id, items: [{ invoiceLineId: usage.id, amount: '-1.00' }] }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await credit(t, { invoiceId: feb.id, items: [] }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await credit(t, { invoiceId: feb.id, reason: '  ' }))).toBe('BAD_USER_INPUT');
    const twice = await credit(t, {
      invoiceId: feb.id,
      items: [
        { invoiceLineId: usage.id, amount: '1.00' },
        { invoiceLineId: usage.id, amount: '1.00' },
      ],
    });
    expect(errorCode(twice)).toBe('BAD_USER_INPUT');
    expect(await invoice(t, feb.id)).toMatchObject({ amountCredited: '0.00', amountDue: '49.95', creditNotes: [] });
  });

  it('never credits past the invoice when notes on it race: the invoice row is locked', async () => {
    const a = await accountWithInvoices(t, [{ start: '2026-01-01', end: '2026-02-01', kwh: 450 }]);
    const inv = await invoice(t, a.invoices[0].id);
    const usage = lineOf(inv.lines, 'USAGE');
    // Five notes of 20.00 on a 45.00 line: two fit.
    const byLine = await Promise.all(
      Array.from({ length: 5 }, () => credit(t, { invoiceId: inv.id, items: [{ invoiceLineId: usage.id, amount: '20.00' }] })),
    );
    expect(byLine.filter((r) => !r.errors).length).toBe(2);
    expect(byLine.filter((r) => errorCode(r) === 'BAD_USER_INPUT').length).toBe(3);
    // Four full credits of what is left: one wins.
    const full = await Promise.all(Array.from({ length: 4 }, () => credit(t, { invoiceId: inv.id })));
    expect(full.filter((r) => !r.errors).map((r) => r.data!.creditInvoice.total)).toEqual(['14.95']);
    expect(await invoice(t, inv.id)).toMatchObject({ amountCredited: '54.95', amountDue: '0.00', status: 'PAID' });
  });
  it('has nothing to credit on an invoice of 0.00, which voids instead so its reads bill again once the rate is fixed', async () => {
    // Launched at 0.00 a kWh with no fixed charge by mistake: the first bill comes to 0.00, PAID by nothing.
    const product = await publishedProduct(t, { fixedCharge: '0.00', rates: [{ effectiveFrom: '2026-01-01', unitPrice: '0' }] });
    const a = await account(t);
    await enroll(t, a.id, product.code, '2026-01-01');
    await bill(t, a.number, '2026-01-01', '2026-02-01', 100);
    const [zero] = (await accountState(t, a.id)).invoices.nodes;
    expect(zero).toMatchObject({ status: 'PAID', total: '0.00', amountPaid: '0.00' });

    const rebill = await credit(t, { invoiceId: zero.id, rebill: true });
    expect(errorCode(rebill)).toBe('BAD_USER_INPUT');
    expect(rebill.errors![0].message).toMatch(
      /^Invoice INV-\d{8}: it comes to 0\.00, so there is nothing to credit; void it \(voidInvoice\) to bill its reads again$/,
    );
    const voided = await gqlOk(
      t.url,
      'mutation($id: ID!) { voidInvoice(id: $id, reason: "Launched at a rate of 0.00") { status } }',
      { id: zero.id },
      t.adminToken,
    );
    expect(voided.voidInvoice.status).toBe('VOID');

    // The rate billed nothing that stands now: it can be corrected, and the next run bills the read at it.
    const { product: withRates } = await gqlOk(
      t.url,
      'query($id: ID!) { product(id: $id) { rates { id } } }',
      { id: product.id },
      t.adminToken,
    );
    await gqlOk(
      t.url,
      'mutation($id: ID!, $input: RateInput!) { updateRate(id: $id, input: $input) { id } }',
      { id: withRates.rates[0].id, input: { effectiveFrom: '2026-01-01', unitPrice: '0.10' } },
      t.adminToken,
    );
    await runBilling(t, '2026-02-01');
    const invoices = (await accountState(t, a.id)).invoices.nodes.map((i: { status: string; total: string }) => [i.status, i.total]);
    expect(invoices.sort()).toEqual([
      ['ISSUED', '10.00'],
      ['VOID', '0.00'],
    ]);
  });
});
