import { fromScaled, sumDecimals, toScaled } from '../../shared/money';

export interface InvoiceForHistory {
  id: string;
  number: string;
  status: string;
  periodStart: string;
  periodEnd: string;
  total: string;
  lines: ReadonlyArray<{ kind: string; quantity: string | null }>;
}

export interface UsagePoint {
  id: string;
  number: string;
  status: string;
  periodStart: string;
  periodEnd: string;
  days: number;
  total: string;
  /** Exact sum of the USAGE lines' quantities. */
  quantity: string;
  /** quantity / days, to two decimals (rounded half-up). */
  perDay: string;
}

function daysBetween(start: string, end: string): number {
  return Math.round((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86_400_000);
}

/** Usage per invoice for the review screen, computed exactly from the Decimal strings. */
export function usagePoint(inv: InvoiceForHistory): UsagePoint {
  const quantity = sumDecimals(inv.lines.filter((l) => l.kind === 'USAGE' && l.quantity !== null).map((l) => l.quantity as string));
  const days = Math.max(1, daysBetween(inv.periodStart, inv.periodEnd));
  // Micro-units / days, then half-up to hundredths: 10^4 micro-units per hundredth.
  const micros = toScaled(quantity, 6);
  const perDayMicros = micros / BigInt(days);
  const hundredths = (perDayMicros + 5_000n) / 10_000n;
  return { ...inv, days, quantity, perDay: fromScaled(hundredths, 2) };
}
