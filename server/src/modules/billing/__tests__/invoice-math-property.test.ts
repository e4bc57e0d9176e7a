import fc from 'fast-check';
import { addDays, daysBetween } from '../../../common/dates';
import { Decimal } from '../../../common/money';
import { computeInvoice, type ProductInput, type RateInput } from '../invoice-math';

/*
 * The DESIGN rule of a read's USAGE lines, computed plainly with decimal.js:
 * a read is cut at every day its rate changes; each span gets the read's
 * quantity x its days / the read's days, floored to the micro-unit, and the
 * micro-units left over go one each to the largest remainders (the earlier
 * span on a tie); each line costs quantity x days / read days x the span's
 * price, in cents, rounded half-up once, from the exact share. The total is
 * the sum of the lines and the fixed charge.
 */
function reference(quantity: number, periodDays: number, spans: { days: number; unitPrice: number }[], fixedCharge: number) {
  const q = new Decimal(quantity);
  const shares = spans.map((s, index) => {
    const numerator = q.times(s.days);
    const floor = numerator.dividedBy(periodDays).floor();
    // The remainder as a whole number of 1/periodDays: exact, so equal remainders tie.
    return { index, floor, remainder: numerator.minus(floor.times(periodDays)) };
  });
  let leftover = shares.reduce((sum, s) => sum.minus(s.floor), q).toNumber();
  const quantities = shares.map((s) => s.floor.toNumber());
  for (const s of [...shares].sort((a, b) => b.remainder.comparedTo(a.remainder) || a.index - b.index)) {
    if (leftover-- <= 0) break;
    quantities[s.index] += 1;
  }
  const amounts = spans.map((s) =>
    q.times(s.days).times(s.unitPrice).dividedBy(periodDays).dividedBy(10_000_000_000).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber(),
  );
  const total = amounts.reduce((sum, a) => sum.plus(a), new Decimal(fixedCharge)).toNumber();
  return { quantities, amounts, total };
}

const START = '2026-01-01';

/** A read of 1 to 62 days, 0 to 3 rate changes inside it, quantities and prices from nothing to far past 2^53 in their product. */
const cases = fc
  .record({
    periodDays: fc.integer({ min: 1, max: 62 }),
    quantity: fc.oneof(fc.integer({ min: 0, max: 5_000_000_000 }), fc.integer({ min: 0, max: 1_000_000_000_000 })),
    changes: fc.uniqueArray(fc.integer({ min: 1, max: 61 }), { maxLength: 3 }),
    prices: fc.array(fc.oneof(fc.integer({ min: 0, max: 2_000_000 }), fc.integer({ min: 0, max: 900_000_000 })), {
      minLength: 4,
      maxLength: 4,
    }),
    fixedCharge: fc.integer({ min: 0, max: 100_000 }),
  })
  .map((c) => ({ ...c, changes: c.changes.filter((d) => d < c.periodDays).sort((a, b) => a - b) }));

describe('computeInvoice against the plain decimal.js reference', () => {
  it('splits, allocates and prices every read to the cent, and sums the invoice exactly', () => {
    fc.assert(
      fc.property(cases, ({ periodDays, quantity, changes, prices, fixedCharge }) => {
        const bounds = [0, ...changes, periodDays];
        const rates: RateInput[] = bounds.slice(0, -1).map((from, i) => ({
          id: `rate-${i}`,
          effectiveFrom: i === 0 ? '2025-01-01' : addDays(START, from),
          effectiveTo: i + 2 < bounds.length ? addDays(START, bounds[i + 1]) : null,
          unitPrice: prices[i],
        }));
        const product: ProductInput = { id: 'p', code: 'P', name: 'Plan', unit: 'kWh', fixedCharge, rates, incentives: [] };
        const result = computeInvoice({
          reads: [{ id: 'r', periodStart: START, periodEnd: addDays(START, periodDays), quantity }],
          enrollments: [{ id: 'e', productId: 'p', startDate: '2025-06-01', endDate: null, promo: null, firstInvoice: false }],
          products: [product],
        });
        if (result.outcome !== 'COMPUTED') throw new Error(`expected an invoice, got ${JSON.stringify(result.problems)}`);
        // Neighbouring spans of one price are still separate rates, so each rate change makes a line.
        const spans = bounds.slice(0, -1).map((from, i) => ({ days: bounds[i + 1] - from, unitPrice: prices[i] }));
        const expected = reference(quantity, periodDays, spans, fixedCharge);
        const usage = result.lines.filter((l) => l.kind === 'USAGE');
        expect(usage.map((l) => daysBetween(l.periodStart, l.periodEnd))).toEqual(spans.map((s) => s.days));
        expect(usage.map((l) => l.quantity)).toEqual(expected.quantities);
        expect(usage.map((l) => l.amount)).toEqual(expected.amounts);
        expect(result.total).toBe(expected.total);
        expect(result.quantity).toBe(quantity);
      }),
      { numRuns: 3_000 },
    );
  });
});
