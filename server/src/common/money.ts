import Decimal from 'decimal.js';
import { badInput } from './errors/hub-error';

Decimal.set({ precision: 40, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -40, toExpPos: 40 });

export { Decimal };

/** Every stored integer stays below 2^53 so that both drivers return it exactly. */
const MAX_STORED = Number.MAX_SAFE_INTEGER;
const MONEY_PATTERN = /^-?\d+(\.\d{1,2})?$/;
const DECIMAL_PATTERN = /^-?\d+(\.\d{1,6})?$/;

export const CENTS_PER_UNIT = 100;
export const MICROS_PER_UNIT = 1_000_000;

/**
 * A canonical decimal with at most 9 integer digits: scaled by 10^2 or 10^6 it stays under 10^15,
 * far below MAX_STORED, and Number() of its digit string is exact. Everything else takes the
 * Decimal path, which accepts, refuses and words errors for every input.
 */
const SHORT_MONEY = /^(-?)(\d{1,9})(?:\.(\d{1,2}))?$/;
const SHORT_DECIMAL = /^(-?)(\d{1,9})(?:\.(\d{1,6}))?$/;

/**
 * The scaled integer of a short canonical decimal read from its digits, with no Decimal
 * built (recordUsage parses 10,000 quantities a call); undefined for anything else.
 * Exactly what the Decimal path returns, -0 for "-0.00" included.
 */
function shortScaledInteger(text: string, pattern: RegExp, digits: number): number | undefined {
  const m = pattern.exec(text);
  if (!m) return undefined;
  return Number(m[1] + m[2] + (m[3] ?? '').padEnd(digits, '0'));
}

/** The general path: any length, range checked, errors worded; parseMoney and parseDecimal agree with it on every input. */
function toScaledInteger(text: string, scale: number, what: string, pattern: RegExp, digits: number): number {
  if (!pattern.test(text)) {
    throw badInput(
      `${what} "${truncate(text)}" must be a decimal number with at most ${digits} fraction digits, e.g. "${digits === 2 ? '12.50' : '0.1325'}"`,
    );
  }
  const scaled = new Decimal(text).times(scale);
  if (scaled.abs().greaterThan(MAX_STORED)) {
    const limit = new Decimal(MAX_STORED).dividedBy(scale).toFixed(digits);
    throw badInput(`${what} "${truncate(text)}" is too large: at most ${limit} either way`);
  }
  return scaled.toNumber();
}

function truncate(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}...` : text;
}

/** "12.5" -> 1250 cents. */
export function parseMoney(text: string): number {
  return shortScaledInteger(text, SHORT_MONEY, 2) ?? parseMoneyExactly(text);
}

/** parseMoney through decimal.js for every input: the reference its fast path is tested against. */
export function parseMoneyExactly(text: string): number {
  return toScaledInteger(text, CENTS_PER_UNIT, 'Money', MONEY_PATTERN, 2);
}

/**
 * A safe integer scaled down by 10^digits, from its digits with no Decimal
 * built (a bill run words every line with these); `keep` fraction digits at
 * least, trailing zeros past them dropped. Undefined for anything else.
 */
function shortScaledText(value: number, digits: number, keep: number): string | undefined {
  if (!Number.isSafeInteger(value)) return undefined;
  const text = String(Math.abs(value)).padStart(digits + 1, '0');
  let fraction = text.slice(-digits);
  while (fraction.length > keep && fraction.endsWith('0')) fraction = fraction.slice(0, -1);
  return `${value < 0 ? '-' : ''}${text.slice(0, -digits)}${fraction === '' ? '' : `.${fraction}`}`;
}

/** 1250 cents -> "12.50". */
export function formatMoney(cents: number): string {
  return shortScaledText(cents, 2, 2) ?? formatMoneyExactly(cents);
}

/** formatMoney through decimal.js for every input: the reference its fast path is tested against. */
export function formatMoneyExactly(cents: number): string {
  const value = new Decimal(cents).dividedBy(CENTS_PER_UNIT).toFixed(2);
  return value === '-0.00' ? '0.00' : value;
}

/** "0.1325" -> 132500 micro-units. */
export function parseDecimal(text: string): number {
  return shortScaledInteger(text, SHORT_DECIMAL, 6) ?? parseDecimalExactly(text);
}

/** parseDecimal through decimal.js for every input: the reference its fast path is tested against. */
export function parseDecimalExactly(text: string): number {
  return toScaledInteger(text, MICROS_PER_UNIT, 'Decimal', DECIMAL_PATTERN, 6);
}

/** 132500 micro-units -> "0.1325"; no exponent, no trailing zeros. */
export function formatDecimal(micros: number): string {
  return shortScaledText(micros, 6, 0) ?? formatDecimalExactly(micros);
}

/** formatDecimal through decimal.js for every input: the reference its fast path is tested against. */
export function formatDecimalExactly(micros: number): string {
  if (micros === 0) return '0';
  return new Decimal(micros).dividedBy(MICROS_PER_UNIT).toFixed();
}
