import fc from 'fast-check';
import { Decimal } from '../money';
import { divideFloor, divideRoundHalfUp, sumExact, times } from '../exact';

/** The reference: the same formula through decimal.js, as the money rules were first written (its -0 is 0: no amount is -0). */
const roundHalfUp = (n: bigint, d: bigint) =>
  new Decimal(n.toString()).dividedBy(d.toString()).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber() || 0;
const floor = (n: bigint, d: bigint) => new Decimal(n.toString()).dividedBy(d.toString()).floor().toFixed();

const numerator = fc.oneof(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.bigInt({ min: -1000n, max: 1000n }));
const denominator = fc.oneof(
  fc.bigInt({ min: 1n, max: 10n ** 16n }),
  fc.bigInt({ min: 1n, max: 40n }),
  fc.constantFrom(2n, 10n ** 10n * 31n),
);

describe('exact integer arithmetic', () => {
  it('divides rounding halves away from zero, as decimal.js ROUND_HALF_UP does', () => {
    fc.assert(
      fc.property(numerator, denominator, (n, d) => {
        expect(divideRoundHalfUp(n, d)).toBe(roundHalfUp(n, d));
      }),
      { numRuns: 20_000 },
    );
  });

  it.each([
    [5n, 2n, 3],
    [-5n, 2n, -3],
    [3n, 2n, 2],
    [-3n, 2n, -2],
    [1n, 3n, 0],
    [-1n, 3n, 0],
    [2n, 3n, 1],
    [-2n, 3n, -1],
    [0n, 7n, 0],
  ])('%p / %p rounds to %p', (n, d, expected) => {
    expect(divideRoundHalfUp(n, d)).toBe(expected);
  });

  it('floors toward minus infinity', () => {
    fc.assert(
      fc.property(numerator, denominator, (n, d) => {
        expect(divideFloor(n, d).toString()).toBe(floor(n, d));
      }),
      { numRuns: 20_000 },
    );
    expect(divideFloor(-1n, 3n)).toBe(-1n);
    expect(divideFloor(-3n, 3n)).toBe(-1n);
    expect(divideFloor(2n, 3n)).toBe(0n);
  });

  it('multiplies past 2^53 exactly', () => {
    expect(times(Number.MAX_SAFE_INTEGER, 1_000_000, 31n)).toBe(9007199254740991n * 1_000_000n * 31n);
    expect(times()).toBe(1n);
  });

  it('sums exactly, past 2^53 in the partial sums included', () => {
    const amounts = fc.array(fc.oneof(fc.maxSafeInteger(), fc.integer({ min: -100_000, max: 100_000 })), { maxLength: 12 });
    fc.assert(
      fc.property(amounts, (values) => {
        const reference = values.reduce((sum, v) => sum.plus(v), new Decimal(0)).toNumber();
        expect(sumExact(values)).toBe(reference);
      }),
      { numRuns: 20_000 },
    );
    // The partial sum passes 2^53 and comes back: adding as Numbers would lose the last cent.
    expect(sumExact([Number.MAX_SAFE_INTEGER, 2, -Number.MAX_SAFE_INTEGER])).toBe(2);
  });
});
