/**
 * Money and Decimal values arrive as exact decimal strings ("1234.50", "0.1325").
 * They are shown as given and summed, when a screen must, as scaled BigInts:
 * never as binary floating point.
 */

const MONEY_RE = /^(-)?(\d+)(?:\.(\d+))?$/;

/** "1234.5" -> "1,234.50" with the sign kept apart; null for anything that is not a decimal string. */
function splitDecimal(value: string): { negative: boolean; whole: string; fraction: string } | null {
  const m = MONEY_RE.exec(value.trim());
  if (!m) return null;
  return { negative: m[1] === '-', whole: m[2].replace(/^0+(?=\d)/, ''), fraction: m[3] ?? '' };
}

function groupThousands(whole: string): string {
  return whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export const CURRENCY_SYMBOL = '$';

/** "-1234.5" -> "−$1,234.50"; null or undefined -> "—". */
export function formatMoney(value: string | null | undefined): string {
  if (value === null || value === undefined) return '—';
  const parts = splitDecimal(value);
  if (!parts) return value;
  const fraction = (parts.fraction + '00').slice(0, Math.max(2, parts.fraction.length));
  const isZero = /^0*$/.test(parts.whole + fraction);
  const sign = parts.negative && !isZero ? '−' : '';
  return `${sign}${CURRENCY_SYMBOL}${groupThousands(parts.whole)}.${fraction}`;
}

/** A Decimal string with thousands grouped, as given otherwise ("12500.25" -> "12,500.25"). */
export function formatDecimal(value: string | null | undefined): string {
  if (value === null || value === undefined) return '—';
  const parts = splitDecimal(value);
  if (!parts) return value;
  const sign = parts.negative ? '−' : '';
  return `${sign}${groupThousands(parts.whole)}${parts.fraction ? `.${parts.fraction}` : ''}`;
}

/** The value scaled to an integer of `scale` fraction digits: ("12.5", 2) -> 1250n. Extra digits are an error, not rounded away. */
export function toScaled(value: string, scale: number): bigint {
  const parts = splitDecimal(value);
  if (!parts) throw new Error(`"${value}" is not a decimal number`);
  if (parts.fraction.length > scale) throw new Error(`"${value}" has more than ${scale} decimal places`);
  const digits = BigInt(parts.whole + parts.fraction.padEnd(scale, '0'));
  return parts.negative ? -digits : digits;
}

/** Inverse of toScaled: (1250n, 2) -> "12.50"; trimmed of trailing zeros when `trim`. */
export function fromScaled(units: bigint, scale: number, trim = false): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  let fraction = digits.slice(digits.length - scale);
  if (trim) fraction = fraction.replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** Exact sum of Money strings ("1.10" + "2.20" = "3.30"). */
export function sumMoney(values: readonly string[]): string {
  return fromScaled(
    values.reduce((acc, v) => acc + toScaled(v, 2), 0n),
    2,
  );
}

/** Exact sum of Decimal strings (up to six fraction digits). */
export function sumDecimals(values: readonly string[]): string {
  return fromScaled(
    values.reduce((acc, v) => acc + toScaled(v, 6), 0n),
    6,
    true,
  );
}

/** Compares two Money strings exactly: negative, zero or positive. */
export function compareMoney(a: string, b: string): number {
  const d = toScaled(a, 2) - toScaled(b, 2);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

/** Whether the user typed an amount the API accepts as Money (up to two decimals, no sign, no grouping). */
export function isMoneyInput(value: string): boolean {
  return /^\d+(\.\d{1,2})?$/.test(value.trim());
}

/** Whether the user typed a Decimal the API accepts (up to six decimals). */
export function isDecimalInput(value: string): boolean {
  return /^\d+(\.\d{1,6})?$/.test(value.trim());
}

/**
 * A chart's y value. Charts plot positions on a screen, where a float is exact
 * enough; nothing computed from it is ever shown as an amount.
 */
export function toChartValue(value: string): number {
  return Number(value);
}
