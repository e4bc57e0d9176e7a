import { planAllocations } from '../allocation';

const invoice = (id: string, total: number, amountPaid = 0) => ({ id, total, amountPaid });

describe('planAllocations', () => {
  it('pays the invoices in the order given, each up to what it owes, and keeps the rest', () => {
    const { changes, left } = planAllocations(1_500, [invoice('1', 1_000, 400), invoice('2', 2_000)]);
    expect(changes.map(({ invoice: i, amount, paid, settles }) => [i.id, amount, paid, settles])).toEqual([
      ['1', 600, 1_000, true],
      ['2', 900, 900, false],
    ]);
    expect(left).toBe(0);
  });

  it('leaves what no invoice owes unapplied', () => {
    const { changes, left } = planAllocations(700, [invoice('1', 500, 200)]);
    expect(changes).toHaveLength(1);
    expect(left).toBe(400);
  });

  it('skips an invoice already paid and stops when the money is spent', () => {
    const { changes, left } = planAllocations(300, [invoice('1', 500, 500), invoice('2', 300), invoice('3', 100)]);
    expect(changes.map((c) => c.invoice.id)).toEqual(['2']);
    expect(left).toBe(0);
  });

  it('spends nothing without invoices', () => {
    expect(planAllocations(250, [])).toEqual({ changes: [], left: 250 });
  });
});
