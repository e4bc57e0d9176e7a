import { addDays, daysBetween } from '../../common/dates';
import { Decimal } from '../../common/money';

/** One calendar month of a series: its first day, and the day after its last counted day (half-open). */
export interface MonthWindow {
  month: string;
  from: string;
  toExclusive: string;
}

/**
 * The `count` calendar months ending with the month of `asOf`, oldest first.
 * The month of asOf counts only through asOf, so its figures are "month to date".
 */
export function monthWindows(asOf: string, count: number): MonthWindow[] {
  const out: MonthWindow[] = [];
  let from = `${asOf.slice(0, 7)}-01`;
  let toExclusive = addDays(asOf, 1);
  for (let i = 0; i < count; i++) {
    out.unshift({ month: from.slice(0, 7), from, toExclusive });
    toExclusive = from;
    from = `${addDays(from, -1).slice(0, 7)}-01`;
  }
  return out;
}

/**
 * Days sales outstanding for one month: receivables at its end over what it
 * invoiced (net of credit notes), times the days it covers; 0 when it invoiced nothing.
 */
export function monthlyDso(receivablesCents: number, invoicedCents: number, window: MonthWindow): Decimal {
  if (invoicedCents <= 0) return new Decimal(0);
  return new Decimal(receivablesCents)
    .dividedBy(invoicedCents)
    .times(daysBetween(window.from, window.toExclusive))
    .toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

/** Resolved in time over resolved, to 4 places; null when nothing was resolved. */
export function attainment(inTime: number, resolved: number): Decimal | null {
  return resolved === 0 ? null : new Decimal(inTime).dividedBy(resolved).toDecimalPlaces(4, Decimal.ROUND_HALF_UP);
}
