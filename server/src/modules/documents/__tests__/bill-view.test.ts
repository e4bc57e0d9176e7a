import fc from 'fast-check';
import { accountSummary, billPeriod, groupLines, micros, splitTaxes, usageBars } from '../bill-view';
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

describe('bill sums', () => {
  it('subtotal plus taxes equals the sum of the lines, and the summary adds up, for any amounts', () => {
    const kinds = fc.constantFrom('USAGE', 'FIXED', 'CREDIT', 'FEE', 'CHARGE', 'TAX');
    fc.assert(
      fc.property(
        fc.array(fc.tuple(kinds, fc.integer({ min: -1e9, max: 1e9 })), { maxLength: 30 }),
        fc.nat(1e9),
        fc.nat(1e9),
        fc.nat(1e9),
        (rows, otherOpen, paid, payments) => {
          const lines = rows.map(([k, a]) => line(k, a));
          const total = lines.reduce((s, l) => s + l.amount, 0);
          const { subtotal, taxes } = splitTaxes(lines);
          expect(subtotal + taxes).toBe(total);
          expect(groupLines(lines).reduce((s, g) => s + g.subtotal, 0)).toBe(total);
          const invoiceDue = total - paid;
          const summary = accountSummary({ otherOpen, invoiceDue, total, paymentsSince: payments, creditsSince: 0 });
          expect(summary.previousBalance - payments + total).toBe(summary.amountDue);
          expect(summary.amountDue).toBe(otherOpen + invoiceDue);
        },
      ),
    );
  });
});

describe('usageBars', () => {
  it('gives thirteen months ending with the bill month, each invoice in the month of its last day', () => {
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
