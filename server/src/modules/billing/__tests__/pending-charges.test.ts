import type { ComputedInvoice } from '../invoice-math';
import { applyPendingCharges, chargesOnlyInvoice, type PendingManualCharge } from '../pending-charges';

// Cents.
const invoice = (total: number): ComputedInvoice => ({
  outcome: 'COMPUTED',
  periodStart: '2026-01-01',
  periodEnd: '2026-02-01',
  days: 31,
  quantity: 0,
  unit: 'kWh',
  total,
  lines: [],
  earned: [],
  carryForward: [],
  enrollmentIds: [],
  rebill: false,
});
const charge = (id: string, amount: number): PendingManualCharge => ({ id, amount, description: `Charge ${id}`, taxable: false });

describe('applyPendingCharges', () => {
  it("adds every charge, and every credit that fits, as CHARGE lines after the invoice's own, oldest first", () => {
    const { invoice: out, billed } = applyPendingCharges(invoice(1000), [charge('a', 500), charge('b', -1200), charge('c', -400)]);
    // 10.00 + 5.00 = 15.00: the 12.00 credit fits, the 4.00 one would take it below zero and waits.
    expect(out.lines.map((l) => [l.kind, l.description, l.amount, l.periodStart])).toEqual([
      ['CHARGE', 'Charge a', 500, '2026-01-01'],
      ['CHARGE', 'Charge b', -1200, '2026-01-01'],
    ]);
    expect(out.total).toBe(300);
    expect(billed).toEqual(['a', 'b']);
  });

  it('leaves a credit that would take the invoice below zero for a later invoice, whole', () => {
    const { invoice: out, billed } = applyPendingCharges(invoice(1000), [charge('a', -1500), charge('b', 300), charge('c', -1300)]);
    // 1000 + 300 = 1300: the 15.00 credit does not fit, the 13.00 one does.
    expect(billed).toEqual(['b', 'c']);
    expect(out.total).toBe(0);
  });

  it('changes nothing with nothing pending', () => {
    const start = invoice(1000);
    expect(applyPendingCharges(start, [])).toEqual({ invoice: start, billed: [] });
  });
});

describe('chargesOnlyInvoice', () => {
  it('bills an account with a charge and no usage for the day of the run; credits alone bill nothing', () => {
    const only = chargesOnlyInvoice('2026-03-01', [charge('a', 2500), charge('b', -500)]);
    expect(only?.invoice).toMatchObject({ periodStart: '2026-03-01', periodEnd: '2026-03-01', total: 2000, days: 0 });
    expect(only?.billed).toEqual(['a', 'b']);
    expect(chargesOnlyInvoice('2026-03-01', [charge('b', -500)])).toBeNull();
  });
});
