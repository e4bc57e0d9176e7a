import { addDays } from '../../common/dates';
import { Decimal } from '../../common/money';
import type { BillLineGroup, BillLineView, BillPeriod, UsageBar } from './document-view';
import { monthLabel } from './pdf-layout';

/** The groups a bill shows, in order; a kind not named here gets a group of its own before taxes. */
const GROUPS: Array<{ kind: string; title: string }> = [
  { kind: 'USAGE', title: 'Usage' },
  { kind: 'FIXED', title: 'Fixed charges' },
  { kind: 'CHARGE', title: 'Charges' },
  { kind: 'FEE', title: 'Fees' },
  { kind: 'CREDIT', title: 'Credits' },
];
const TAX = 'TAX';

function titleOf(kind: string): string {
  const known = GROUPS.find((g) => g.kind === kind);
  if (known) return known.title;
  if (kind === TAX) return 'Taxes';
  return kind.charAt(0) + kind.slice(1).toLowerCase().replace(/_/g, ' ');
}

/** Lines grouped by kind (usage, fixed, charges, fees, credits, others, taxes), each group in the invoice's order. */
export function groupLines(lines: readonly BillLineView[]): BillLineGroup[] {
  const order = (kind: string) => {
    const i = GROUPS.findIndex((g) => g.kind === kind);
    return kind === TAX ? GROUPS.length + 1 : i === -1 ? GROUPS.length : i;
  };
  const kinds = [...new Set(lines.map((l) => l.kind))].sort((a, b) => order(a) - order(b) || a.localeCompare(b));
  return kinds.map((kind) => {
    const of = lines.filter((l) => l.kind === kind);
    return { title: titleOf(kind), lines: of, subtotal: of.reduce((sum, l) => sum + l.amount, 0) };
  });
}

/** Sum of the lines before taxes, and of the tax lines. */
export function splitTaxes(lines: readonly BillLineView[]): { subtotal: number; taxes: number } {
  let subtotal = 0;
  let taxes = 0;
  for (const line of lines) {
    if (line.kind === TAX) taxes += line.amount;
    else subtotal += line.amount;
  }
  return { subtotal, taxes };
}

/**
 * The account summary on a bill, as of its rendering:
 * amountDue = the other open invoices' amounts due + this one's;
 * previousBalance is what makes "previous - payments - credits + new charges = amount due" hold.
 */
export function accountSummary(args: {
  otherOpen: number;
  invoiceDue: number;
  total: number;
  paymentsSince: number;
  creditsSince: number;
}): {
  previousBalance: number;
  amountDue: number;
} {
  const amountDue = args.otherOpen + args.invoiceDue;
  return { amountDue, previousBalance: amountDue - args.total + args.paymentsSince + args.creditsSince };
}

/**
 * What a bill says it covers: its period of service [periodStart, periodEnd)
 * as its first and last day. A charge with no period of service (a late fee or
 * a balance carried over, whose invoice has periodStart = periodEnd) is shown
 * as the day it was charged on: read as a period, its last day would come
 * before its first.
 */
export function billPeriod(periodStart: string, periodEnd: string): BillPeriod {
  if (periodEnd <= periodStart) return { label: 'Charged on', first: periodStart, last: periodStart };
  return { label: 'Billing period', first: periodStart, last: addDays(periodEnd, -1) };
}

/** "YYYY-MM" of a day. */
const monthOf = (day: string) => day.slice(0, 7);

function previousMonth(month: string, back: number): string {
  const [y, m] = month.split('-').map(Number);
  const index = y * 12 + (m - 1) - back;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/**
 * Thirteen months of consumption ending with the month of the bill's last day:
 * each invoice counts in the month of its own last day. Quantities are in
 * micro-units; the bars carry units (for drawing only).
 */
export function usageBars(lastDay: string, invoices: ReadonlyArray<{ lastDay: string; quantity: number }>): UsageBar[] {
  const last = monthOf(lastDay);
  const months = Array.from({ length: 13 }, (_, i) => previousMonth(last, 12 - i));
  const sums = new Map<string, number>(months.map((m) => [m, 0]));
  for (const invoice of invoices) {
    const m = monthOf(invoice.lastDay);
    if (sums.has(m)) sums.set(m, (sums.get(m) ?? 0) + invoice.quantity);
  }
  return months.map((m) => ({
    month: m,
    label: monthLabel(m).slice(0, 3),
    quantity: new Decimal(sums.get(m) ?? 0).dividedBy(1_000_000).toNumber(),
  }));
}

/** Micro-units as a short decimal: 412500000 -> "412.5". */
export function micros(value: number): string {
  return new Decimal(value).dividedBy(1_000_000).toDecimalPlaces(6).toString();
}
