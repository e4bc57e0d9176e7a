import fc from 'fast-check';
import { otherOpen, paymentsAfter, previousBill, unitsByInvoice, usageHistory, type AccountInvoiceRow } from '../bill-history';

const row = (id: string, over: Partial<AccountInvoiceRow> = {}): AccountInvoiceRow => ({
  id,
  kind: 'USAGE',
  status: 'PAID',
  periodEnd: '2026-02-01',
  issueDate: '2026-02-01',
  quantity: 0,
  total: 0,
  amountPaid: 0,
  ...over,
});

describe('previousBill', () => {
  const bill = { id: '20', periodEnd: '2026-03-01', issueDate: '2026-03-01' };

  it('is the latest regular bill issued before, by issue day then id, leaving out fees, voided, held and later invoices', () => {
    const rows = [
      row('5', { issueDate: '2026-01-01' }),
      row('9', { issueDate: '2026-02-01' }),
      row('8', { issueDate: '2026-02-01' }),
      row('12', { issueDate: '2026-02-15', kind: 'FEE' }),
      row('13', { issueDate: '2026-02-20', status: 'VOID' }),
      row('14', { issueDate: null, status: 'HELD' }),
      row('25', { issueDate: '2026-03-01' }),
      row('20', { issueDate: '2026-03-01' }),
    ];
    expect(previousBill(bill, rows)?.id).toBe('9');
    // Same issue day: a lower id came before.
    expect(previousBill(bill, [...rows, row('19', { issueDate: '2026-03-01' })])?.id).toBe('19');
    expect(previousBill(bill, [row('20'), row('30', { issueDate: '2026-04-01' })])).toBeNull();
  });

  it('on a preview (not issued) is the latest issued regular bill of the account', () => {
    const preview = { id: '3', periodEnd: '2026-03-01', issueDate: null };
    expect(previousBill(preview, [row('1', { issueDate: '2026-01-01' }), row('7', { issueDate: '2026-02-01' }), row('3')])?.id).toBe('7');
  });

  it('is the first of the candidates sorted by issue day and id, for any rows', () => {
    const rows = fc.array(
      fc.record({
        id: fc.integer({ min: 1, max: 40 }).map(String),
        kind: fc.constantFrom('USAGE', 'FEE'),
        status: fc.constantFrom('ISSUED', 'PAID', 'VOID', 'HELD'),
        issueDate: fc.option(fc.constantFrom('2026-01-01', '2026-02-01', '2026-03-01'), { nil: null }),
      }),
      { maxLength: 15 },
    );
    fc.assert(
      fc.property(rows, fc.integer({ min: 1, max: 40 }), fc.constantFrom('2026-02-01', null), (drawn, id, issueDate) => {
        const all = drawn.map((d) => row(d.id, d));
        const subject = { id: String(id), periodEnd: '2026-03-01', issueDate };
        const expected = all
          .filter((r) => r.kind === 'USAGE' && r.status !== 'VOID' && r.issueDate !== null && r.id !== subject.id)
          .filter(
            (r) => !issueDate || (r.issueDate as string) < issueDate || (r.issueDate === issueDate && Number(r.id) < Number(subject.id)),
          )
          .sort((a, b) => (b.issueDate as string).localeCompare(a.issueDate as string) || Number(b.id) - Number(a.id))[0];
        expect(previousBill(subject, all)?.id ?? null).toBe(expected?.id ?? null);
      }),
    );
  });
});

describe('otherOpen', () => {
  it("sums what the account's other ISSUED invoices issued up to this one still ask for", () => {
    const bill = { id: '10', periodEnd: '2026-03-01', issueDate: '2026-03-01' };
    const rows = [
      row('2', { status: 'ISSUED', kind: 'FEE', issueDate: '2026-02-10', total: 1500, amountPaid: 0 }),
      row('4', { status: 'ISSUED', issueDate: '2026-02-01', total: 10000, amountPaid: 2500 }),
      row('6', { status: 'PAID', issueDate: '2026-02-01', total: 9000, amountPaid: 9000 }),
      row('10', { status: 'ISSUED', issueDate: '2026-03-01', total: 7000 }),
      row('11', { status: 'ISSUED', issueDate: '2026-03-01', total: 333 }),
      row('12', { status: 'HELD', issueDate: null, total: 444 }),
    ];
    expect(otherOpen(bill, rows)).toBe(1500 + 7500);
    expect(otherOpen({ ...bill, issueDate: null }, rows)).toBe(1500 + 7500 + 333);
  });
});

describe('usageHistory', () => {
  it('is the regular bills up to this one, itself included, each at its last day', () => {
    const bill = { id: '3', periodEnd: '2026-03-01', issueDate: '2026-03-01' };
    const rows = [
      row('1', { periodEnd: '2026-02-01', quantity: 100 }),
      row('2', { periodEnd: '2026-02-01', kind: 'FEE', quantity: 7 }),
      row('3', { periodEnd: '2026-03-01', quantity: 200 }),
      row('4', { periodEnd: '2026-04-01', quantity: 300 }),
    ];
    expect(usageHistory(bill, rows)).toEqual([
      { lastDay: '2026-01-31', quantity: 100 },
      { lastDay: '2026-02-28', quantity: 200 },
    ]);
  });
});

describe('paymentsAfter', () => {
  const payments = [
    { amount: 1000, receivedAt: new Date('2026-02-01T12:00:00Z'), creditNoteId: null },
    // 23:30 UTC on 1 February is already 2 February in Copenhagen.
    { amount: 200, receivedAt: new Date('2026-02-01T23:30:00Z'), creditNoteId: null },
    { amount: 500, receivedAt: new Date('2026-02-05T09:00:00Z'), creditNoteId: '7' },
  ];

  it("counts payments and credits received after the previous bill's issue day, in the retailer's time zone", () => {
    expect(paymentsAfter(payments, '2026-02-01', 'UTC')).toEqual({ paymentsSince: 0, creditsSince: 500 });
    expect(paymentsAfter(payments, '2026-02-01', 'Europe/Copenhagen')).toEqual({ paymentsSince: 200, creditsSince: 500 });
    expect(paymentsAfter(payments, null, 'UTC')).toEqual({ paymentsSince: 1200, creditsSince: 500 });
  });
});

describe('unitsByInvoice', () => {
  it("keeps each invoice's first unit", () => {
    const units = unitsByInvoice([
      { invoiceId: '1', unit: 'kWh' },
      { invoiceId: '1', unit: 'm³' },
      { invoiceId: '2', unit: 'm³' },
    ]);
    expect([...units]).toEqual([
      ['1', 'kWh'],
      ['2', 'm³'],
    ]);
  });
});
