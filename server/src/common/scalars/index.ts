import { GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { GraphQLJSON } from 'graphql-scalars';
import { assertCalendarDate, isCalendarDate } from '../dates';
import { badInput, HubError } from '../errors/hub-error';
import { InvalidValue } from './invalid-value';

export { InvalidValue } from './invalid-value';

/**
 * A malformed value becomes an InvalidValue instead of failing the whole
 * request during coercion: the argument check (validateArgs) refuses it with
 * BAD_USER_INPUT before the resolver runs, except where a mutation takes items
 * one by one (recordUsage) and rejects just the bad item.
 */
function lenient<T>(parse: () => T, scalar: string): T | InvalidValue {
  try {
    return parse();
  } catch (error) {
    if (error instanceof HubError) return new InvalidValue(scalar, error.message);
    throw error;
  }
}
import { formatDecimal, formatMoney, parseDecimal, parseMoney } from '../money';

/** The text of a literal, for scalars that read decimals exactly from the query's own characters. */
function literalText(ast: ValueNode, scalar: string): string {
  if (ast.kind === Kind.STRING || ast.kind === Kind.INT || ast.kind === Kind.FLOAT) return ast.value;
  throw badInput(`${scalar} must be written as a string, e.g. "12.50"`);
}

function inputString(value: unknown, scalar: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isInteger(value)) return String(value);
  throw badInput(`${scalar} must be sent as a string, e.g. "12.50", so no precision is lost`);
}

/**
 * Money and Decimal are restrictions of the decimal datatype of W3C XML Schema 1.1 (its lexical
 * form: optional sign, digits, optional fraction, no exponent) to two and six fraction digits;
 * docs/scalars.md gives the hub's exact input and output rules.
 */
const XSD_DECIMAL = 'https://www.w3.org/TR/xmlschema11-2/#decimal';

/**
 * The years a Date or DateTime may fall in. Billing happens now; a payment
 * dated 9999 or a read from 1900 is a client's mistake, and far dates would
 * otherwise run past what date arithmetic and the databases keep.
 */
export const FIRST_YEAR = 1970;
export const LAST_YEAR = 2199;

function assertInputDate(text: string): string {
  assertCalendarDate(text);
  const year = Number(text.slice(0, 4));
  if (year < FIRST_YEAR || year > LAST_YEAR) {
    throw badInput(`Date "${text}" must fall in the years ${FIRST_YEAR} to ${LAST_YEAR}`);
  }
  return text;
}

/** Calendar date "YYYY-MM-DD"; kept as that string inside the hub. */
export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description:
    'Calendar date "YYYY-MM-DD" (RFC 3339 full-date), e.g. "2026-01-31": no time, no zone, in the years 1970 to 2199. "Today" is the date in the retailer\'s time zone (HUB_TIMEZONE). Every period is half-open, [start, end): a rate from 2026-01-01 to 2026-02-01 covers every day of January and not February 1st; a null end means open-ended.',
  specifiedByURL: 'https://www.rfc-editor.org/rfc/rfc3339#section-5.6',
  serialize: (value) => String(value),
  parseValue: (value) =>
    lenient(() => {
      if (typeof value !== 'string') throw badInput('Date must be a string written YYYY-MM-DD');
      return assertInputDate(value);
    }, 'Date') as string,
  parseLiteral: (ast) =>
    lenient(() => {
      if (ast.kind !== Kind.STRING) throw badInput('Date must be a string written YYYY-MM-DD');
      return assertInputDate(ast.value);
    }, 'Date') as string,
});

function parseDateTime(text: string): Date {
  // ISO-8601 with a time zone designator; a bare local time would be ambiguous.
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(text)) {
    throw badInput(`DateTime "${text.slice(0, 40)}" must be ISO-8601 with a zone, e.g. 2026-01-31T09:30:00.000Z`);
  }
  const date = new Date(text);
  // JavaScript rolls 2026-02-30 over to March 2 and 24:00 to the next day rather than refusing them.
  if (Number.isNaN(date.getTime()) || !isCalendarDate(text.slice(0, 10)) || Number(text.slice(11, 13)) > 23) {
    throw badInput(`DateTime "${text.slice(0, 40)}" is not a real time`);
  }
  // Checked in UTC: the zone can carry a time written in one year into another.
  const year = date.getUTCFullYear();
  if (year < FIRST_YEAR || year > LAST_YEAR) {
    throw badInput(`DateTime "${text.slice(0, 40)}" is ${year} in UTC; it must fall in the years ${FIRST_YEAR} to ${LAST_YEAR}`);
  }
  return date;
}

/** ISO-8601 UTC with milliseconds. */
export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description:
    'ISO-8601 UTC date and time with milliseconds (RFC 3339 date-time), e.g. "2026-01-31T09:30:00.000Z". Input needs a zone (Z or an offset such as +01:00); seconds may be left out; the instant must fall in the years 1970 to 2199 in UTC.',
  specifiedByURL: 'https://www.rfc-editor.org/rfc/rfc3339#section-5.6',
  serialize: (value) => (value instanceof Date ? value : new Date(String(value))).toISOString(),
  parseValue: (value) =>
    lenient(() => {
      if (typeof value !== 'string') throw badInput('DateTime must be an ISO-8601 string');
      return parseDateTime(value);
    }, 'DateTime') as Date,
  parseLiteral: (ast) =>
    lenient(() => {
      if (ast.kind !== Kind.STRING) throw badInput('DateTime must be an ISO-8601 string');
      return parseDateTime(ast.value);
    }, 'DateTime') as Date,
});

/** Money in integer cents inside the hub; "1234.50" outside. */
export const MoneyScalar = new GraphQLScalarType<number, string>({
  name: 'Money',
  description:
    'Exact decimal string with two fraction digits on output ("1234.50", "-20.00"); input accepts up to two ("12", "12.5"), sent as a string. An amount of money in the retailer\'s currency, kept in integer cents and never computed in floating point.',
  specifiedByURL: XSD_DECIMAL,
  serialize: (value) => formatMoney(Number(value)),
  parseValue: (value) => lenient(() => parseMoney(inputString(value, 'Money')), 'Money') as number,
  parseLiteral: (ast) => lenient(() => parseMoney(literalText(ast, 'Money')), 'Money') as number,
});

/** Rates and quantities in integer millionths inside the hub; "0.1325" outside. */
export const DecimalScalar = new GraphQLScalarType<number, string>({
  name: 'Decimal',
  description:
    'Exact decimal string: up to six fraction digits on input, sent as a string; no exponent and no trailing zeros on output ("0.1325", "12"). Rates, quantities, percentages and factors, kept in integer millionths; each field gives its unit.',
  specifiedByURL: XSD_DECIMAL,
  serialize: (value) => formatDecimal(Number(value)),
  parseValue: (value) => lenient(() => parseDecimal(inputString(value, 'Decimal')), 'Decimal') as number,
  parseLiteral: (ast) => lenient(() => parseDecimal(literalText(ast, 'Decimal')), 'Decimal') as number,
});

export const JSONScalar = GraphQLJSON;
