import fc from 'fast-check';
import { accountSummary, billPeriod, chartStart, groupLines, micros, printedLines, splitTaxes, usageBars } from '../bill-view';
import type { BillLineView } from '../document-view';

const line = (kind: string, amount: number): BillLineView => ({ kind, description: kind, detail: null, amount, estimated: false });

describe('groupLines', () => {
  it('orders usage, fixed, charges, fees, credits, other kinds, then taxes, keeping each group in the invoice order', () => {
    const groups = groupLines([
      line('TAX', 10),
      line('CREDIT', -5),
      line('USAGE', 1),
      line('REBATE_X', 3),
      line('FIXED', 2),
      line('USAGE', 4),
      line('CHARGE', 7),
    ]);
    expect(groups.map((g) => g.title)).toEqual(['Usage', 'Fixed charges', 'Charges', 'Credits', 'Rebate x', 'Taxes']);
    expect(groups[0].lines.map((l) => l.amount)).toEqual([1, 4]);
    expect(groups[0].subtotal).toBe(5);
  });
});

describe('printedLines', () => {
  it('leaves off FIXED and TAX lines of 0.00 and keeps every other line, whatever its amount', () => {
    const lines = [line('USAGE', 0), line('FIXED', 0), line('FIXED', 1234), line('TAX', 0), line('TAX', 250), line('CHARGE', 500)];
    expect(printedLines(lines).map((l) => [l.kind, l.amount])).toEqual([
      ['USAGE', 0],
      ['FIXED', 1234],
      ['TAX', 250],
      ['CHARGE', 500],
    ]);
    // A group left without lines is not drawn.
    expect(groupLines(printedLines([line('USAGE', 900), line('FIXED', 0), line('TAX', 0)])).map((g) => g.title)).toEqual(['Usage']);
  });
});

describe('accountSummary', () => {
  const none = { paymentsSince: 0, returnedSince: 0, refundsSince: 0, creditsSince: 0 };

  it('starts a first bill from 0.00 when 50.00 was paid and refunded before it', () => {
    // The invoice of 64.19 is open in full: the payment went back to the customer before any invoice took it.
    const summary = accountSummary({
      otherOpen: 0,
      invoiceDue: 6419,
      unappliedCredit: 0,
      total: 6419,
      ...none,
      paymentsSince: 5000,
      refundsSince: 5000,
    });
    // 0.00 - 50.00 + 50.00 + 64.19 = 64.19
    expect(summary).toEqual({ previousBalance: 0, amountDue: 6419 });
  });

  it("sets the account's credit against what it owes, down to a credit balance", () => {
    // 50.00 paid before a first bill of 30.00: 30.00 went to the invoice, 20.00 is left as credit.
    expect(accountSummary({ otherOpen: 0, invoiceDue: 0, unappliedCredit: 2000, total: 3000, ...none, paymentsSince: 5000 })).toEqual({
      previousBalance: 0,
      amountDue: -2000,
    });
  });

  it('adds back a payment the previous bill counted and that was reversed since', () => {
    // The previous bill said 0.00 after a payment of 40.00 that was then returned: 40.00 is owed again, with 25.00 of new charges.
    expect(accountSummary({ otherOpen: 4000, invoiceDue: 2500, unappliedCredit: 0, total: 2500, ...none, returnedSince: 4000 })).toEqual({
      previousBalance: 0,
      amountDue: 6500,
    });
  });
});

describe('bill sums', () => {
  it('subtotal plus taxes equals the sum of the lines, and the summary adds up, for any amounts', () => {
    const kinds = fc.constantFrom('USAGE', 'FIXED', 'CREDIT', 'FEE', 'CHARGE', 'TAX');
    const cents = fc.nat(1e9);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(kinds, fc.integer({ min: -1e9, max: 1e9 })), { maxLength: 30 }),
        fc.record({ otherOpen: cents, paid: cents, credit: cents }),
        fc.record({ paymentsSince: cents, returnedSince: cents, refundsSince: cents, creditsSince: cents }),
        (rows, account, moves) => {
          const lines = rows.map(([k, a]) => line(k, a));
          const total = lines.reduce((s, l) => s + l.amount, 0);
          const { subtotal, taxes } = splitTaxes(lines);
          expect(subtotal + taxes).toBe(total);
          expect(groupLines(lines).reduce((s, g) => s + g.subtotal, 0)).toBe(total);
          expect(splitTaxes(printedLines(lines))).toEqual({ subtotal, taxes });
          const invoiceDue = total - account.paid;
          const summary = accountSummary({ otherOpen: account.otherOpen, invoiceDue, unappliedCredit: account.credit, total, ...moves });
          const { paymentsSince, returnedSince, refundsSince, creditsSince } = moves;
          expect(summary.previousBalance - paymentsSince + returnedSince + refundsSince - creditsSince + total).toBe(summary.amountDue);
          expect(summary.amountDue).toBe(account.otherOpen + invoiceDue - account.credit);
        },
      ),
    );
  });
});

describe('usageBars', () => {
  it('gives thirteen months ending with the bill month, each usage in the month of its last day', () => {
    const bars = usageBars('2026-02-28', [
      { lastDay: '2026-02-28', quantity: 412_500_000 },
      { lastDay: '2026-01-31', quantity: 100_000_000 },
      { lastDay: '2025-02-28', quantity: 7_000_000 },
      { lastDay: '2025-01-31', quantity: 999_000_000 },
    ]);
    expect(bars).toHaveLength(13);
    expect(bars[0]).toEqual({ month: '2025-02', label: 'Feb', quantity: 7 });
    expect(bars[11]).toEqual({ month: '2026-01', label: 'Jan', quantity: 100 });
    expect(bars[12]).toEqual({ month: '2026-02', label: 'Feb', quantity: 412.5 });
  });
  it('starts its window on the first day of the first month charted', () => {
    expect(chartStart('2026-02-28')).toBe('2025-02-01');
    expect(chartStart('2026-12-31')).toBe('2025-12-01');
  });
  it('prints micro-units briefly', () => {
    expect(micros(412_500_000)).toBe('412.5');
    expect(micros(132_500)).toBe('0.1325');
  });
});

describe('billPeriod', () => {
  it('shows a period of service [start, end) from its first to its last day', () => {
    expect(billPeriod('2026-02-01', '2026-03-01')).toEqual({ label: 'Billing period', first: '2026-02-01', last: '2026-02-28' });
    expect(billPeriod('2026-08-11', '2026-08-12')).toEqual({ label: 'Billing period', first: '2026-08-11', last: '2026-08-11' });
  });
  it('shows a charge with no period (a late fee: start = end) as the day it was charged on, never a last day before the first', () => {
    expect(billPeriod('2026-08-11', '2026-08-11')).toEqual({ label: 'Charged on', first: '2026-08-11', last: '2026-08-11' });
  });
});
