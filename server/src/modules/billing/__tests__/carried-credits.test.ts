import { applyCarriedCredits, type PendingCredit } from '../carried-credits';
import type { ComputedInvoice } from '../invoice-math';

// Money in cents, as the hub stores it.

function invoice(total: number): ComputedInvoice {
  return {
    outcome: 'COMPUTED',
    periodStart: '2026-02-01',
    periodEnd: '2026-03-01',
    days: 28,
    quantity: 100_000_000,
    unit: 'kWh',
    total,
    lines: [
      {
        kind: 'FIXED',
        description: 'Green Energy fixed charge 2026-02-01 to 2026-03-01',
        quantity: null,
        unitPrice: null,
        amount: total,
        periodStart: '2026-02-01',
        periodEnd: '2026-03-01',
        readId: null,
        enrollmentId: 'e1',
        productId: 'p1',
      },
    ],
    earned: [],
    carryForward: [],
    enrollmentIds: ['e1'],
    rebill: false,
  };
}

const welcome: PendingCredit = { id: 'c1', amount: 10_000, description: 'Bill credit: Welcome credit carried forward' };
const bonus: PendingCredit = { id: 'c2', amount: 500, description: 'Promo SWITCH: one-time credit carried forward' };
const credits = (result: ReturnType<typeof applyCarriedCredits>) =>
  result.invoice.lines.filter((l) => l.kind === 'CREDIT').map((l) => [l.amount, l.description]);

describe('applyCarriedCredits', () => {
  it('takes a credit whole when the invoice has room for it', () => {
    const result = applyCarriedCredits(invoice(20_000), [welcome]);

    expect(credits(result)).toEqual([[-10_000, 'Bill credit: Welcome credit carried forward']]);
    expect(result.invoice.total).toBe(10_000);
    expect(result.uses).toEqual([{ id: 'c1', applied: 10_000, rest: 0 }]);
    expect(result.invoice.lines[1]).toMatchObject({ periodStart: '2026-02-01', periodEnd: '2026-03-01', enrollmentId: null });
  });

  it('never takes the invoice below zero: the rest stays pending', () => {
    const result = applyCarriedCredits(invoice(2_000), [welcome, bonus]);

    expect(credits(result)).toEqual([[-2_000, 'Bill credit: Welcome credit carried forward (20.00 of 100.00; 80.00 carried forward)']]);
    expect(result.invoice.total).toBe(0);
    // The second credit is not touched while the first is not used up.
    expect(result.uses).toEqual([{ id: 'c1', applied: 2_000, rest: 8_000 }]);
  });

  it('uses the oldest credit first and the next one with what is left', () => {
    const result = applyCarriedCredits(invoice(10_200), [welcome, bonus]);

    expect(result.uses).toEqual([
      { id: 'c1', applied: 10_000, rest: 0 },
      { id: 'c2', applied: 200, rest: 300 },
    ]);
    expect(result.invoice.total).toBe(0);
  });

  it('leaves an invoice of zero, and one without pending credits, as it is', () => {
    const empty = invoice(0);
    expect(applyCarriedCredits(empty, [welcome])).toEqual({ invoice: empty, uses: [] });
    const plain = invoice(1_234);
    expect(applyCarriedCredits(plain, [])).toEqual({ invoice: plain, uses: [] });
  });

  it('refuses a pending credit without a positive amount', () => {
    expect(() => applyCarriedCredits(invoice(1_000), [{ ...welcome, amount: 0 }])).toThrow(/no positive amount/);
  });
});
