import fc from 'fast-check';
import { allocate, readCharges, type ChargeLine } from '../read-charges';

describe('allocate', () => {
  it('splits in proportion and adds up exactly', () => {
    expect(allocate(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocate(-100, [1, 1, 1])).toEqual([-34, -33, -33]);
    expect(allocate(-10, [300, 100])).toEqual([-8, -2]);
    expect(allocate(0, [1, 2])).toEqual([0, 0]);
    expect(allocate(5, [0, 0])).toEqual([0, 0]);
  });

  it('is exact against a plain reference: shares add up and each is within a cent of its exact part', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }),
        fc.array(fc.integer({ min: 0, max: 10_000_000 }), { minLength: 1, maxLength: 12 }),
        (total, weights) => {
          const shares = allocate(total, weights);
          const sum = weights.reduce((s, w) => s + w, 0);
          if (sum === 0) return shares.every((s) => s === 0);
          if (shares.reduce((s, x) => s + x, 0) !== total) return false;
          return shares.every((s, i) => Math.abs(s - (total * weights[i]) / sum) < 1);
        },
      ),
    );
  });
});

describe('readCharges', () => {
  const line = (id: string, kind: string, amount: number, usageReadId: string | null, enrollmentId: string | null): ChargeLine => ({
    id,
    kind,
    amount,
    usageReadId,
    enrollmentId,
  });
  const invoice = [
    line('1', 'USAGE', 3000, 'r1', 'e1'),
    line('2', 'USAGE', 1000, 'r1', 'e1'),
    line('3', 'USAGE', 4000, 'r2', 'e1'),
    line('4', 'FIXED', 995, null, null),
    line('5', 'CREDIT', -801, null, 'e1'),
    line('6', 'CREDIT', -500, null, null),
  ];

  it("credits a read's usage lines whole and its share of the percent-off credit, nothing else", () => {
    expect(readCharges(invoice, new Set(['r1']))).toEqual([
      { lineId: '1', amount: 3000 },
      { lineId: '2', amount: 1000 },
      { lineId: '5', amount: -401 },
    ]);
    expect(readCharges(invoice, new Set(['r2']))).toEqual([
      { lineId: '3', amount: 4000 },
      { lineId: '5', amount: -400 },
    ]);
  });

  it('the shares of every read add up to the credit line', () => {
    const all = readCharges(invoice, new Set(['r1', 'r2']));
    expect(all.filter((c) => c.lineId === '5')).toEqual([{ lineId: '5', amount: -801 }]);
  });

  it('a read not on the invoice is credited nothing', () => {
    expect(readCharges(invoice, new Set(['r9']))).toEqual([]);
  });
});
