import fc from 'fast-check';
import { ErrorCode, HubError } from '../errors/hub-error';
import {
  formatDecimal,
  formatDecimalExactly,
  formatMoney,
  formatMoneyExactly,
  parseDecimal,
  parseDecimalExactly,
  parseMoney,
  parseMoneyExactly,
} from '../money';

function refusal(parse: () => unknown): string {
  try {
    parse();
  } catch (error) {
    expect(error).toBeInstanceOf(HubError);
    expect((error as HubError).code).toBe(ErrorCode.BAD_USER_INPUT);
    return (error as HubError).message;
  }
  throw new Error('expected the value to be refused');
}

describe('Money', () => {
  it.each([
    ['0', 0],
    ['12', 1200],
    ['12.5', 1250],
    ['12.50', 1250],
    ['1234.5', 123450],
    ['0.01', 1],
    ['-0.01', -1],
    // Each of these is off by one cent when multiplied by 100 in binary floating point.
    ['0.29', 29],
    ['4.35', 435],
    ['1.15', 115],
  ])('reads %j as %p cents', (text, cents) => {
    expect(parseMoney(text)).toBe(cents);
  });

  it.each([
    [123450, '1234.50'],
    [0, '0.00'],
    [1, '0.01'],
    [-1, '-0.01'],
    [-123456, '-1234.56'],
    [100, '1.00'],
    [Number.MAX_SAFE_INTEGER, '90071992547409.91'],
  ])('writes %p cents as %j', (cents, text) => {
    expect(formatMoney(cents)).toBe(text);
  });

  it('round-trips every amount exactly', () => {
    for (let cents = -2000; cents <= 2000; cents += 7) expect(parseMoney(formatMoney(cents))).toBe(cents);
    expect(parseMoney(formatMoney(Number.MAX_SAFE_INTEGER))).toBe(Number.MAX_SAFE_INTEGER);
  });

  it.each(['1.001', '0.125', '12.505'])('refuses %j: more than two fraction digits', (text) => {
    expect(refusal(() => parseMoney(text))).toBe(`Money "${text}" must be a decimal number with at most 2 fraction digits, e.g. "12.50"`);
  });

  it.each(['', ' 1.00', '1.00 ', '1.', '.5', '1e3', '0x10', 'NaN', 'Infinity', '1,000.00', '+1.00', '--1', 'twelve'])(
    'refuses %j: not a decimal number',
    (text) => {
      expect(refusal(() => parseMoney(text))).toMatch(/decimal number/);
    },
  );

  it('refuses amounts that could not be stored exactly', () => {
    expect(parseMoney('90071992547409.91')).toBe(Number.MAX_SAFE_INTEGER);
    expect(refusal(() => parseMoney('90071992547409.92'))).toMatch(/too large: at most 90071992547409\.91 either way$/);
    expect(refusal(() => parseMoney('-90071992547409.92'))).toMatch(/too large/);
    expect(refusal(() => parseMoney('1' + '0'.repeat(30)))).toMatch(/too large/);
  });

  it('keeps a long refused value short in the message', () => {
    const message = refusal(() => parseMoney('9'.repeat(500)));
    expect(message.length).toBeLessThan(200);
  });
});

describe('Decimal', () => {
  it.each([
    ['0.1325', 132500],
    ['1', 1_000_000],
    ['0.000001', 1],
    ['-2.5', -2_500_000],
    ['1234.567891', 1_234_567_891],
    ['0.3', 300_000],
    ['0.07', 70_000],
  ])('reads %j as %p millionths', (text, micros) => {
    expect(parseDecimal(text)).toBe(micros);
  });

  it.each([
    [132500, '0.1325'],
    [0, '0'],
    [1, '0.000001'],
    [1_000_000, '1'],
    [-2_500_000, '-2.5'],
    [12_345_678_901_234, '12345678.901234'],
    [Number.MAX_SAFE_INTEGER, '9007199254.740991'],
  ])('writes %p millionths as %j, without exponent or trailing zeros', (micros, text) => {
    expect(formatDecimal(micros)).toBe(text);
  });

  it('refuses more than six fraction digits and values that could not be stored exactly', () => {
    expect(refusal(() => parseDecimal('0.1234567'))).toMatch(/at most 6 fraction digits/);
    expect(parseDecimal('9007199254.740991')).toBe(Number.MAX_SAFE_INTEGER);
    expect(refusal(() => parseDecimal('9007199254.740992'))).toMatch(/too large: at most 9007199254\.740991 either way$/);
    expect(refusal(() => parseDecimal('1e-7'))).toMatch(/decimal number/);
  });

  it('round-trips exactly', () => {
    for (const text of ['0.1325', '0.000001', '42', '-0.5', '999999.999999']) expect(formatDecimal(parseDecimal(text))).toBe(text);
  });
});

/** What a parser makes of a text: its number (-0 told apart from 0), or its error's code and message. */
function outcome(parse: (text: string) => number, text: string): { value: number } | { code: string; message: string } {
  try {
    return { value: parse(text) };
  } catch (error) {
    if (!(error instanceof HubError)) throw error;
    return { code: error.code, message: error.message };
  }
}

const digit = fc.constantFrom(...'0123456789');
/** Texts near the accepted form: a sign or not, 0 to 20 integer digits, a fraction of 0 to 9 digits or none, now and then a stray character. */
const decimalLike = fc
  .tuple(
    fc.constantFrom('', '', '-', '+', ' ', '--'),
    fc.string({ unit: digit, maxLength: 20 }),
    fc.option(fc.string({ unit: digit, maxLength: 9 })),
    fc.constantFrom('', '', '', ' ', 'e3', '\n', '.', '٣', '0x', '_1'),
  )
  .map(([sign, whole, fraction, tail]) => `${sign}${whole}${fraction === null ? '' : `.${fraction}`}${tail}`);
const anyText = fc.oneof(decimalLike, decimalLike, fc.string({ maxLength: 30 }), fc.string({ unit: 'grapheme', maxLength: 12 }));

describe('the short-decimal fast path', () => {
  it('reads and refuses every text exactly as the decimal.js path does, for Money and Decimal', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(outcome(parseMoney, text)).toEqual(outcome(parseMoneyExactly, text));
        expect(outcome(parseDecimal, text)).toEqual(outcome(parseDecimalExactly, text));
      }),
      { numRuns: 20_000 },
    );
  });

  it.each(['0', '-0', '-0.00', '000000000', '999999999.99', '-999999999.999999', '0999999999.5', '1000000000', '1.000000', '.5', '1.'])(
    'agrees on %j at the edges of the fast path (-0 told apart from 0)',
    (text) => {
      expect(outcome(parseMoney, text)).toEqual(outcome(parseMoneyExactly, text));
      expect(outcome(parseDecimal, text)).toEqual(outcome(parseDecimalExactly, text));
    },
  );
});

/** Integers of every size a stored amount can have, small ones and the edges often. */
const anyInteger = fc.oneof(
  fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }),
  fc.maxSafeInteger(),
  fc.constantFrom(0, -0, 1, -1, 10, -10, 100, 1_000_000, -1_000_000, 999_999, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER),
  fc.integer({ min: -1000, max: 1000 }).map((n) => n * 1_000_000),
);

describe('the short-integer formatting fast path', () => {
  it('writes every integer exactly as the decimal.js path does, for Money and Decimal', () => {
    fc.assert(
      fc.property(anyInteger, (value) => {
        expect(formatMoney(value)).toBe(formatMoneyExactly(value));
        expect(formatDecimal(value)).toBe(formatDecimalExactly(value));
      }),
      { numRuns: 20_000 },
    );
  });

  it.each([
    [0, '0.00', '0'],
    [-0, '0.00', '0'],
    [5, '0.05', '0.000005'],
    [-5, '-0.05', '-0.000005'],
    [1_000_000, '10000.00', '1'],
    [-1_250_000, '-12500.00', '-1.25'],
    [132_500, '1325.00', '0.1325'],
    [Number.MAX_SAFE_INTEGER, '90071992547409.91', '9007199254.740991'],
  ])('writes %p as %j (Money) and %j (Decimal)', (value, money, decimal) => {
    expect(formatMoney(value)).toBe(money);
    expect(formatDecimal(value)).toBe(decimal);
  });
});
