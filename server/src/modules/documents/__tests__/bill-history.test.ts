import fc from 'fast-check';
import {
  movesSince,
  otherOpen,
  previousBill,
  previousFiguresAt,
  unappliedCredit,
  unitsByInvoice,
  usageHistory,
  type AccountInvoiceRow,
  type AccountPaymentRow,
  type AccountUsageRow,
} from '../bill-history';

const row = (id: string, over: Partial<AccountInvoiceRow> = {}): AccountInvoiceRow => ({
  id,
  status: 'PAID',
  issueDate: '2026-02-01',
  total: 0,
  amountPaid: 0,
  ...over,
});

const at = (iso: string) => new Date(iso);

const payment = (amount: number, createdAt: string, over: Partial<AccountPaymentRow> = {}): AccountPaymentRow => ({
  amount,
  status: 'APPLIED',
  unapplied: 0,
  createdAt: at(createdAt),
  reversedAt: null,
  creditNoteId: null,
  ...over,
});

describe('previousBill', () => {
  const bill = { id: '20', periodEnd: '2026-03-01', issueDate: '2026-03-01' };

  it('is the latest bill of any kind issued before, by issue day then id, leaving out held and later invoices', () => {
    const rows = [
      row('5', { issueDate: '2026-01-01' }),
      row('9', { issueDate: '2026-02-01' }),
      row('8', { issueDate: '2026-02-01' }),
      row('14', { issueDate: null, status: 'HELD' }),
      row('25', { issueDate: '2026-03-01' }),
      row('20', { issueDate: '2026-03-01' }),
    ];
    expect(previousBill(bill, rows)?.id).toBe('9');
    // A late fee's bill between two regular ones is the last bill the customer got.
    expect(previousBill(bill, [...rows, row('12', { issueDate: '2026-02-15' })])?.id).toBe('12');
    // Same issue day: a lower id came before.
    expect(previousBill(bill, [...rows, row('19', { issueDate: '2026-03-01' })])?.id).toBe('19');
    expect(previousBill(bill, [row('20'), row('30', { issueDate: '2026-04-01' })])).toBeNull();
  });

  it('on a preview (not issued) is the latest issued bill of the account', () => {
    const preview = { id: '3', periodEnd: '2026-03-01', issueDate: null };
    expect(previousBill(preview, [row('1', { issueDate: '2026-01-01' }), row('7', { issueDate: '2026-02-01' }), row('3')])?.id).toBe('7');
  });

  it('is the first of the candidates sorted by issue day and id, for any rows', () => {
    const rows = fc.array(
      fc.record({
        id: fc.integer({ min: 1, max: 40 }).map(String),
        status: fc.constantFrom('ISSUED', 'PAID', 'HELD'),
        issueDate: fc.option(fc.constantFrom('2026-01-01', '2026-02-01', '2026-03-01'), { nil: null }),
      }),
      { maxLength: 15 },
    );
    fc.assert(
      fc.property(rows, fc.integer({ min: 1, max: 40 }), fc.constantFrom('2026-02-01', null), (drawn, id, issueDate) => {
        const all = drawn.map((d) => row(d.id, d));
        const subject = { id: String(id), periodEnd: '2026-03-01', issueDate };
        const expected = all
          .filter((r) => r.issueDate !== null && r.id !== subject.id)
          .filter(
            (r) => !issueDate || (r.issueDate as string) < issueDate || (r.issueDate === issueDate && Number(r.id) < Number(subject.id)),
          )
          .sort((a, b) => (b.issueDate as string).localeCompare(a.issueDate as string) || Number(b.id) - Number(a.id))[0];
        expect(previousBill(subject, all)?.id ?? null).toBe(expected?.id ?? null);
      }),
    );
  });
});

describe('previousFiguresAt', () => {
  const drawn = new Map([['9', at('2026-02-01T08:00:00.250Z')]]);
  const now = at('2026-03-01T10:00:00Z');

  it("is when the previous bill's document was drawn; now when it is not drawn yet; null without a previous bill", () => {
    expect(previousFiguresAt({ id: '9' }, drawn, now)).toEqual(at('2026-02-01T08:00:00.250Z'));
    // Drawn with this batch or later: it states everything up to now itself.
    expect(previousFiguresAt({ id: '10' }, drawn, now)).toBe(now);
    expect(previousFiguresAt(null, drawn, now)).toBeNull();
  });
});

describe('otherOpen', () => {
  it("sums what the account's other ISSUED invoices issued up to this one still ask for", () => {
    const bill = { id: '10', periodEnd: '2026-03-01', issueDate: '2026-03-01' };
    const rows = [
      row('2', { status: 'ISSUED', issueDate: '2026-02-10', total: 1500, amountPaid: 0 }),
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

describe('unappliedCredit', () => {
  it("is what the account's applied payments and credit notes left for no invoice", () => {
    const payments = [
      payment(5000, '2026-02-01T00:00:00Z', { unapplied: 2000 }),
      payment(700, '2026-02-02T00:00:00Z', { unapplied: 700, creditNoteId: '3' }),
      payment(900, '2026-02-03T00:00:00Z', { status: 'REVERSED', unapplied: 0, reversedAt: at('2026-02-04T00:00:00Z') }),
    ];
    expect(unappliedCredit(payments)).toBe(2700);
  });
});

describe('movesSince', () => {
  // The previous bill's figures were read at 09:00:00.500 on 1 February.
  const after = at('2026-02-01T09:00:00.500Z');

  it('counts what was recorded after the previous bill was drawn, whatever the day or time zone', () => {
    const moves = movesSince(
      [
        // Recorded that same day, a second before and after the bill was drawn.
        payment(1000, '2026-02-01T09:00:00.499Z'),
        payment(5000, '2026-02-01T09:00:00.501Z'),
        payment(200, '2026-02-05T23:30:00Z'),
        payment(500, '2026-02-06T09:00:00Z', { creditNoteId: '7' }),
      ],
      [
        { amount: 300, createdAt: at('2026-01-20T00:00:00Z') },
        { amount: 1200, createdAt: at('2026-02-10T12:00:00Z') },
      ],
      after,
    );
    expect(moves).toEqual({ paymentsSince: 5200, returnedSince: 0, refundsSince: 1200, creditsSince: 500 });
  });

  it('counts a payment the previous bill counted and that was reversed since as returned, and one made and reversed since not at all', () => {
    const reversed = (createdAt: string, reversedAt: string, amount: number) =>
      payment(amount, createdAt, { status: 'REVERSED', reversedAt: at(reversedAt) });
    const moves = movesSince(
      [
        reversed('2026-01-15T00:00:00Z', '2026-02-03T00:00:00Z', 4000),
        reversed('2026-02-02T00:00:00Z', '2026-02-04T00:00:00Z', 700),
        reversed('2026-01-10T00:00:00Z', '2026-01-12T00:00:00Z', 90),
      ],
      [],
      after,
    );
    expect(moves).toEqual({ paymentsSince: 0, returnedSince: 4000, refundsSince: 0, creditsSince: 0 });
  });

  it('counts everything but reversed payments on a first bill', () => {
    const moves = movesSince(
      [
        payment(5000, '2026-11-15T10:00:00Z'),
        payment(800, '2026-11-16T10:00:00Z', { status: 'REVERSED', reversedAt: at('2026-11-20T00:00:00Z') }),
      ],
      [{ amount: 5000, createdAt: at('2026-11-16T10:00:00Z') }],
      null,
    );
    expect(moves).toEqual({ paymentsSince: 5000, returnedSince: 0, refundsSince: 5000, creditsSince: 0 });
  });
});

describe('usageHistory', () => {
  const usage = (invoiceId: string, periodEnd: string, kwh: number, over: Partial<AccountUsageRow> = {}): AccountUsageRow => ({
    invoiceId,
    periodEnd,
    quantity: kwh * 1_000_000,
    register: 'TOTAL',
    read: { invoiceId, counts: true },
    ...over,
  });
  const kwh = (rows: Array<{ lastDay: string; quantity: number }>) => rows.map((r) => [r.lastDay, r.quantity / 1_000_000]);

  it('charts a corrected month in that month, in place of the estimate it replaced, not in the month of the rebill', () => {
    // INV-1: August, an estimate of 850 since replaced. INV-2: the corrected August (900) with September (700).
    const invoices = [row('1', { issueDate: '2026-09-01' }), row('2', { issueDate: '2026-10-01' })];
    const lines = [
      usage('1', '2026-09-01', 850, { read: { invoiceId: '1', counts: false } }),
      usage('2', '2026-09-01', 900),
      usage('2', '2026-10-01', 700),
    ];
    expect(kwh(usageHistory({ id: '2', periodEnd: '2026-10-01', issueDate: '2026-10-01' }, invoices, lines))).toEqual([
      ['2026-08-31', 900],
      ['2026-09-30', 700],
    ]);
  });

  it('charts the usage of an invoice credited in full and billed again once, on the rebill', () => {
    // INV-5 (100.05 kWh) was credited in full with rebill: its read is billed on INV-6 now.
    const invoices = [row('5', { issueDate: '2026-07-01' }), row('6', { issueDate: '2026-08-01' })];
    const lines = [usage('5', '2026-07-01', 100.05, { read: { invoiceId: '6', counts: true } }), usage('6', '2026-07-01', 100.05)];
    expect(kwh(usageHistory({ id: '6', periodEnd: '2026-07-01', issueDate: '2026-08-01' }, invoices, lines))).toEqual([
      ['2026-06-30', 100.05],
    ]);
  });

  it('keeps to TOTAL reads (or lines from before registers), this bill and those issued before it, up to its period', () => {
    const invoices = [
      row('1', { issueDate: '2026-02-01' }),
      row('3', { issueDate: '2026-03-01', status: 'ISSUED' }),
      row('4', { issueDate: '2026-04-01' }),
      row('7', { issueDate: null, status: 'HELD' }),
    ];
    const lines = [
      usage('1', '2026-02-01', 100, { register: null, read: null }),
      usage('3', '2026-03-01', 200),
      usage('3', '2026-03-01', 40, { register: 'DEMAND' }),
      usage('4', '2026-03-01', 30),
      usage('7', '2026-03-01', 50),
      usage('3', '2026-03-01', 25, { read: { invoiceId: null, counts: false } }),
    ];
    expect(kwh(usageHistory({ id: '3', periodEnd: '2026-03-01', issueDate: '2026-03-01' }, invoices, lines))).toEqual([
      ['2026-01-31', 100],
      ['2026-02-28', 200],
    ]);
    // A preview charts itself and the bills issued, not another held invoice.
    expect(kwh(usageHistory({ id: '7', periodEnd: '2026-03-01', issueDate: null }, invoices, lines))).toEqual([
      ['2026-01-31', 100],
      ['2026-02-28', 200],
      ['2026-02-28', 30],
      ['2026-02-28', 50],
    ]);
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
