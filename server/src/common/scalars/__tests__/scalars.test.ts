import { parseValue as parseAst } from 'graphql';
import { DateScalar, DateTimeScalar, DecimalScalar, InvalidValue, MoneyScalar } from '..';

/** What a client sending this literal in a query would get the scalar to produce. */
const literal = (scalar: { parseLiteral: (ast: ReturnType<typeof parseAst>) => unknown }, source: string) =>
  scalar.parseLiteral(parseAst(source));

function invalid(value: unknown): string {
  expect(value).toBeInstanceOf(InvalidValue);
  return (value as InvalidValue).message;
}

describe('DateTime', () => {
  it('writes UTC with milliseconds and Z', () => {
    expect(DateTimeScalar.serialize(new Date('2026-01-15T09:30:00Z'))).toBe('2026-01-15T09:30:00.000Z');
    expect(DateTimeScalar.serialize(new Date(Date.UTC(2026, 0, 15, 9, 30, 0, 7)))).toBe('2026-01-15T09:30:00.007Z');
  });

  it('reads ISO-8601 with any zone and gives the same instant back in UTC', () => {
    const parsed = DateTimeScalar.parseValue('2026-01-15T10:30:00+01:00') as Date;
    expect(parsed).toBeInstanceOf(Date);
    expect(DateTimeScalar.serialize(parsed)).toBe('2026-01-15T09:30:00.000Z');
    expect(DateTimeScalar.serialize(literal(DateTimeScalar, '"2026-01-15T09:30:00.123Z"'))).toBe('2026-01-15T09:30:00.123Z');
    expect(DateTimeScalar.serialize(DateTimeScalar.parseValue('2024-02-29T23:59:59Z'))).toBe('2024-02-29T23:59:59.000Z');
  });

  it.each([
    '2026-01-15T09:30:00',
    '2026-01-15',
    '15/01/2026 09:30',
    '2026-01-15T25:00:00Z',
    '2026-02-30T00:00:00Z',
    '2026-04-31T12:00:00Z',
    '2026-01-15T24:00:00Z',
    '9999-12-31T23:59:59.999-14:00',
    '1900-01-01T00:00:00+14:00',
    '9999-01-01T00:00:00.000Z',
    '1969-12-31T23:59:59.999Z',
    '2200-01-01T00:00:00Z',
    '2199-12-31T23:00:00-02:00',
    '',
  ])('refuses %j', (text) => {
    expect(invalid(DateTimeScalar.parseValue(text))).toMatch(/^DateTime/);
  });

  it('refuses a number of milliseconds, which could be read in several ways', () => {
    expect(invalid(DateTimeScalar.parseValue(1768469400000))).toMatch(/ISO-8601/);
    expect(invalid(literal(DateTimeScalar, '1768469400000'))).toMatch(/ISO-8601/);
  });
});

describe('Date', () => {
  it('keeps a calendar date as its YYYY-MM-DD text', () => {
    expect(DateScalar.parseValue('2024-02-29')).toBe('2024-02-29');
    expect(literal(DateScalar, '"2026-01-15"')).toBe('2026-01-15');
    expect(DateScalar.serialize('2026-01-15')).toBe('2026-01-15');
  });

  it.each(['"2026-02-30"', '"2026-02-29"', '"2026-1-5"', '20260115', '"2026-01-15T00:00:00Z"'])('refuses the literal %s', (source) => {
    expect(invalid(literal(DateScalar, source))).toMatch(/^Date/);
  });

  it('accepts the years 1970 to 2199 only: a payment dated 9999 is a mistake', () => {
    expect(DateScalar.parseValue('1970-01-01')).toBe('1970-01-01');
    expect(DateScalar.parseValue('2199-12-31')).toBe('2199-12-31');
    expect(DateTimeScalar.serialize(DateTimeScalar.parseValue('1970-01-01T00:00:00Z'))).toBe('1970-01-01T00:00:00.000Z');
    for (const text of ['9999-12-31', '1969-12-31', '2200-01-01', '1900-01-01']) {
      expect(invalid(DateScalar.parseValue(text))).toMatch(/years 1970 to 2199/);
    }
    expect(invalid(literal(DateScalar, '"9999-01-01"'))).toMatch(/years 1970 to 2199/);
  });
});

describe('Money', () => {
  it('writes two fraction digits', () => {
    expect(MoneyScalar.serialize(123450)).toBe('1234.50');
    expect(MoneyScalar.serialize(0)).toBe('0.00');
    expect(MoneyScalar.serialize(-5)).toBe('-0.05');
  });

  it('reads strings and whole numbers exactly, and decimal literals from their own characters', () => {
    expect(MoneyScalar.parseValue('1234.5')).toBe(123450);
    expect(MoneyScalar.parseValue(12)).toBe(1200);
    expect(literal(MoneyScalar, '"0.29"')).toBe(29);
    expect(literal(MoneyScalar, '4.35')).toBe(435);
    expect(literal(MoneyScalar, '7')).toBe(700);
  });

  it('refuses a JSON float in variables, whose precision may already be lost', () => {
    expect(invalid(MoneyScalar.parseValue(12.5))).toMatch(/string/);
  });

  it('refuses too many fraction digits and huge values', () => {
    expect(invalid(MoneyScalar.parseValue('1.001'))).toMatch(/fraction digits/);
    expect(invalid(MoneyScalar.parseValue('123456789012345678'))).toMatch(/too large/);
    expect(invalid(literal(MoneyScalar, 'true'))).toMatch(/string/);
  });
});

describe('Decimal', () => {
  it('writes no exponent and no trailing zeros', () => {
    expect(DecimalScalar.serialize(132500)).toBe('0.1325');
    expect(DecimalScalar.serialize(1)).toBe('0.000001');
    expect(DecimalScalar.serialize(3_000_000)).toBe('3');
  });

  it('reads "0.1325" as 132500 millionths, from a string, a variable or a float literal', () => {
    expect(DecimalScalar.parseValue('0.1325')).toBe(132500);
    expect(literal(DecimalScalar, '"0.1325"')).toBe(132500);
    expect(literal(DecimalScalar, '0.1325')).toBe(132500);
    expect(DecimalScalar.parseValue(2)).toBe(2_000_000);
  });

  it('refuses more than six fraction digits, floats in variables and exponents', () => {
    expect(invalid(DecimalScalar.parseValue('0.1234567'))).toMatch(/6 fraction digits/);
    expect(invalid(DecimalScalar.parseValue(0.1325))).toMatch(/string/);
    expect(invalid(literal(DecimalScalar, '1e-3'))).toMatch(/decimal number/);
  });
});
