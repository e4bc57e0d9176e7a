/**
 * The threshold tests a computed invoice goes through before it is issued:
 * one that fails holds the invoice for review. Pure, like invoice-math.ts
 * (same units).
 */
import { Decimal, formatDecimal, formatMoney, MICROS_PER_UNIT } from '../../common/money';
import type { ComputedInvoice } from './invoice-math-types';

// ---------------------------------------------------------------- threshold tests

export type ThresholdCode = 'HIGH_CONSUMPTION' | 'BILL_SWING' | 'HIGH_AMOUNT';

export interface ThresholdFailure {
  code: ThresholdCode;
  message: string;
}

/** Use over a stretch of days: an invoice's `quantity` (micro-units) and `days`. */
export interface Consumption {
  quantity: number;
  days: number;
}

export interface PastInvoice extends Consumption {
  /** Cents. */
  total: number;
  /** The end of its period: only invoices that end by the start of the one tested are its past. */
  periodEnd: string;
}

export interface ThresholdRules {
  /** Micro-units: 2 is 2_000_000. */
  highConsumptionFactor: number;
  /** Percent in micro-units: 50% is 50_000_000. */
  swingPercent: number;
  /** Cents; null disables HIGH_AMOUNT. */
  maxInvoiceAmount: number | null;
}

/** How many earlier invoices the HIGH_CONSUMPTION and SWING tests compare against. */
export const HISTORY_INVOICES = 3;

const micros = (value: number) => new Decimal(value).dividedBy(MICROS_PER_UNIT);
/** At most two fraction digits, trailing zeros dropped. */
const plain = (value: Decimal) => value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed();
/**
 * Ratios and percentages in messages round away from the limit, so a value
 * just over a limit of at most two fraction digits never reads as equal to it.
 */
const overLimit = (value: Decimal) => value.toDecimalPlaces(2, Decimal.ROUND_UP).toFixed();

/**
 * HIGH_CONSUMPTION: the invoice's average daily quantity exceeds `factor` times
 * the average daily quantity of the account's last three non-void invoices,
 * taken over all their days together (a short invoice weighs less). Fewer than
 * three past invoices: those there are. None, or none with use: no test,
 * because there is nothing to compare with.
 *
 * `history` is newest first; only its first three count.
 */
export function testHighConsumption(current: Consumption, history: Consumption[], factor: number, unit: string): ThresholdFailure | null {
  const past = history.slice(0, HISTORY_INVOICES);
  const pastQuantity = past.reduce((sum, h) => sum.plus(h.quantity), new Decimal(0));
  const pastDays = past.reduce((sum, h) => sum + h.days, 0);
  if (pastDays <= 0 || pastQuantity.lessThanOrEqualTo(0) || current.days <= 0) return null;
  // Cross-multiplied so the boundary is exact: q/d > f x pq/pd.
  const lhs = new Decimal(current.quantity).times(pastDays).times(MICROS_PER_UNIT);
  const rhs = new Decimal(factor).times(pastQuantity).times(current.days);
  if (!lhs.greaterThan(rhs)) return null;
  const average = micros(current.quantity).dividedBy(current.days);
  const pastAverage = pastQuantity.dividedBy(MICROS_PER_UNIT).dividedBy(pastDays);
  const which = past.length === 1 ? "the last invoice's" : `the last ${past.length === 3 ? 'three' : 'two'} invoices'`;
  return {
    code: 'HIGH_CONSUMPTION',
    message:
      `Average daily use ${plain(average)} ${unit} is ${overLimit(average.dividedBy(pastAverage))} x ` +
      `${which} ${plain(pastAverage)} ${unit}; limit ${formatDecimal(factor)} x`,
  };
}

/**
 * BILL_SWING: |total - previous| / previous x 100 > swingPercent. No previous
 * invoice, or one of zero: no test (no percentage of nothing). A previous
 * credit total is measured by its size, so the swing is never negative.
 */
export function testBillSwing(total: number, previousTotal: number | null, swingPercent: number): ThresholdFailure | null {
  if (previousTotal === null || previousTotal === 0) return null;
  const change = new Decimal(total).minus(previousTotal);
  const base = new Decimal(previousTotal).abs();
  // Cross-multiplied: |change| x 100 x 10^6 > swingPercent(micros) x |previous|.
  if (!change.abs().times(100).times(MICROS_PER_UNIT).greaterThan(new Decimal(swingPercent).times(base))) return null;
  const percent = change.abs().times(100).dividedBy(base);
  return {
    code: 'BILL_SWING',
    message:
      `Total ${formatMoney(total)} is ${overLimit(percent)}% ${change.isNegative() ? 'below' : 'above'} ` +
      `the previous invoice's ${formatMoney(previousTotal)}; limit ${formatDecimal(swingPercent)}%`,
  };
}

/** HIGH_AMOUNT: total > maxInvoiceAmount; null disables it. */
export function testHighAmount(total: number, maxInvoiceAmount: number | null): ThresholdFailure | null {
  if (maxInvoiceAmount === null || total <= maxInvoiceAmount) return null;
  return {
    code: 'HIGH_AMOUNT',
    message: `Total ${formatMoney(total)} is over the maximum invoice amount of ${formatMoney(maxInvoiceAmount)}`,
  };
}

/**
 * Every threshold test on a computed invoice; the invoice is HELD when the
 * result is not empty. `history` holds the account's latest non-void
 * invoices, newest first; those whose period ends after this one's starts
 * (later months, when an earlier one is billed again after a void) are not
 * its past and are left out. A rebill of corrected reads is no month's bill
 * (it has no fixed charge, and a credit note took back what it replaces), so
 * its total is not weighed against the previous bill's: no BILL_SWING.
 */
export function runThresholdTests(invoice: ComputedInvoice, rules: ThresholdRules, latest: PastInvoice[]): ThresholdFailure[] {
  const history = latest.filter((past) => past.periodEnd <= invoice.periodStart);
  const previousTotal = history.length > 0 && !invoice.rebill ? history[0].total : null;
  const failures = [
    testHighConsumption(invoice, history, rules.highConsumptionFactor, invoice.unit),
    testBillSwing(invoice.total, previousTotal, rules.swingPercent),
    testHighAmount(invoice.total, rules.maxInvoiceAmount),
  ];
  return failures.filter((f): f is ThresholdFailure => f !== null);
}
