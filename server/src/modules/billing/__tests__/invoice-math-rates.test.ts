import { fillTiers, flatPriceOf, tierAmount } from '../invoice-math-rates';

const M = 1_000_000;
const TIERS = [
  { upTo: 500 * M, unitPrice: 100_000 },
  { upTo: 1000 * M, unitPrice: 150_000 },
  { upTo: null, unitPrice: 200_000 },
];

describe('rate structures', () => {
  it('fills the tiers in order over 30 days', () => {
    expect(fillTiers(1200 * M, 30, TIERS).map((p) => [p.tier, p.quantity / M])).toEqual([
      [1, 500],
      [2, 500],
      [3, 200],
    ]);
    expect(fillTiers(300 * M, 30, TIERS).map((p) => [p.tier, p.quantity / M])).toEqual([[1, 300]]);
  });

  it('prorates the limits by the days, exactly, down to the micro-unit', () => {
    // 500 x 7 / 30 = 116.666666|6...
    expect(fillTiers(200 * M, 7, TIERS).map((p) => p.quantity)).toEqual([116_666_666, 200 * M - 116_666_666]);
  });

  it('keeps a line for an empty span', () => {
    expect(fillTiers(0, 10, TIERS)).toEqual([{ tier: 1, tiers: 3, quantity: 0, unitPrice: 100_000 }]);
  });

  it('prices registers by their own price, TOTAL by unitPrice, and knows when one is missing', () => {
    const rate = { effectiveFrom: '2026-01-01', effectiveTo: null, unitPrice: 1, registerPrices: [{ register: 'ON_PEAK', unitPrice: 7 }] };
    expect(flatPriceOf(rate, undefined)).toBe(1);
    expect(flatPriceOf(rate, 'TOTAL')).toBe(1);
    expect(flatPriceOf(rate, 'ON_PEAK')).toBe(7);
    expect(flatPriceOf(rate, 'OFF_PEAK')).toBeNull();
  });

  it('rounds a tier amount half-up to cents', () => {
    expect(tierAmount(116_666_666, 150_000)).toBe(1750); // 17.4999999 -> 17.50
    expect(tierAmount(50_000, 100_000)).toBe(1); // 0.005 -> 0.01
    expect(tierAmount(49_999, 100_000)).toBe(0);
  });
});
