import { fromScaled, toChartValue, toScaled } from '../../shared/money';

/** "0.9523" (a 0..1 share) -> "95.2" percent, rounded half-up to a tenth, exactly. */
export function shareToPercent(share: string): string {
  const micros = toScaled(share, 6);
  return fromScaled((micros + 500n) / 1000n, 1);
}

export interface MonthFigures {
  month: string;
  invoiced: string;
  collected: string;
  pastDue: string;
  dso: string;
}

export interface TrendPoint extends MonthFigures {
  label: string;
  invoicedValue: number;
  collectedValue: number;
  pastDueValue: number;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2026-09" -> "Sep 26". */
export function monthLabel(month: string): string {
  return `${MONTHS[Number(month.slice(5, 7)) - 1]} ${month.slice(2, 4)}`;
}

/**
 * The hub's monthly series as chart points: the figures stay the exact strings
 * the hub computed; only the bar heights are numbers.
 */
export function monthlyTrend(months: readonly MonthFigures[]): TrendPoint[] {
  return months.map((m) => ({
    ...m,
    label: monthLabel(m.month),
    invoicedValue: toChartValue(m.invoiced),
    collectedValue: toChartValue(m.collected),
    pastDueValue: toChartValue(m.pastDue),
  }));
}

export interface QueueSlaRow {
  queueKey: string;
  month: string;
  attainment: string;
}

/**
 * SLA attainment per queue as one line per queue: a point per month of `months`
 * with the percent for each queue that resolved items that month (missing otherwise).
 */
export function slaLines(
  months: readonly string[],
  rows: readonly QueueSlaRow[],
): { queues: string[]; points: Array<Record<string, string | number>> } {
  const queues = [...new Set(rows.map((r) => r.queueKey))].sort();
  const points = months.map((month) => {
    const point: Record<string, string | number> = { month, label: monthLabel(month) };
    for (const r of rows) if (r.month === month) point[r.queueKey] = Number(shareToPercent(r.attainment));
    return point;
  });
  return { queues, points };
}

/** The days before the figures' day that the hub's SLA attainment covers. */
export const SLA_WINDOW_DAYS = 30;

/**
 * Whether no work item was resolved in the SLA window before `asOf`, so the
 * attainment has nothing to measure (the hub then answers a full 1, which is
 * not news an operator can use). The window lies within the month it starts in
 * and the month of `asOf`; the per-queue monthly rows count what each queue
 * resolved, so no resolved item in either month means none in the window.
 * Items resolved in the starting month before the window began still count as
 * resolved here: the figure is shown then, as the hub computed it.
 */
export function noneResolvedInSlaWindow(asOf: string, rows: ReadonlyArray<{ month: string; resolved: number }>): boolean {
  const start = new Date(Date.parse(`${asOf}T00:00:00.000Z`) - SLA_WINDOW_DAYS * 86_400_000).toISOString().slice(0, 7);
  const end = asOf.slice(0, 7);
  return !rows.some((r) => r.resolved > 0 && r.month >= start && r.month <= end);
}
