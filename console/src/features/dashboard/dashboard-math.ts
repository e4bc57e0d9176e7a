import { fromScaled, toChartValue, toScaled } from '../../shared/money';

/** "0.9523" (a 0..1 share) -> "95.2" percent, rounded half-up to a tenth, exactly. */
export function shareToPercent(share: string): string {
  const micros = toScaled(share, 6);
  return fromScaled((micros + 500n) / 1000n, 1);
}

export interface InvoiceForTrend {
  status: string;
  issueDate: string | null;
  total: string;
  amountPaid: string;
}

export interface TrendPoint {
  month: string;
  label: string;
  invoiced: string;
  collected: string;
  invoicedValue: number;
  collectedValue: number;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * Invoiced and collected per month of issue, for the last `months` months
 * that have invoices: what was billed, and how much of it has been paid.
 * Sums are exact (cents as BigInt); only the chart's bar heights are numbers.
 */
export function invoicedVsCollected(invoices: readonly InvoiceForTrend[], months = 6): TrendPoint[] {
  const byMonth = new Map<string, { invoiced: bigint; collected: bigint }>();
  for (const inv of invoices) {
    if (!inv.issueDate || (inv.status !== 'ISSUED' && inv.status !== 'PAID')) continue;
    const month = inv.issueDate.slice(0, 7);
    const acc = byMonth.get(month) ?? { invoiced: 0n, collected: 0n };
    acc.invoiced += toScaled(inv.total, 2);
    acc.collected += toScaled(inv.amountPaid, 2);
    byMonth.set(month, acc);
  }
  return [...byMonth.keys()]
    .sort()
    .slice(-months)
    .map((month) => {
      const { invoiced, collected } = byMonth.get(month)!;
      const invoicedText = fromScaled(invoiced, 2);
      const collectedText = fromScaled(collected, 2);
      return {
        month,
        label: `${MONTHS[Number(month.slice(5, 7)) - 1]} ${month.slice(2, 4)}`,
        invoiced: invoicedText,
        collected: collectedText,
        invoicedValue: toChartValue(invoicedText),
        collectedValue: toChartValue(collectedText),
      };
    });
}
