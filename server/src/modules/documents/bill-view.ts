import { addDays } from '../../common/dates';
import { Decimal } from '../../common/money';
import type { MovesSince } from './bill-history';
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

/**
 * Kinds whose 0.00 lines tell the customer nothing (a product without a fixed
 * charge, a tax at 0 %): left off the bill. Every other line stays, whatever its
 * amount: a usage line of 0.00 still shows what was consumed, and a charge or
 * credit an operator adds cannot be 0.00 (addCharge refuses it).
 */
const LEFT_OFF_AT_ZERO = new Set(['FIXED', TAX]);

/** The lines a bill prints. */
export function printedLines(lines: readonly BillLineView[]): BillLineView[] {
  return lines.filter((line) => !(line.amount === 0 && LEFT_OFF_AT_ZERO.has(line.kind)));
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
 * The account summary on a bill, as of its rendering. amountDue is what the
 * account owes: the other open invoices' amounts due and this one's, less the
 * credit no invoice has taken (negative when the account is in credit).
 * previousBalance is what the previous bill left, so that
 * previousBalance - payments + returned + refunds - credits + new charges = amountDue.
 */
export function accountSummary(
  args: {
    otherOpen: number;
    invoiceDue: number;
    unappliedCredit: number;
    total: number;
  } & MovesSince,
): {
  previousBalance: number;
  amountDue: number;
} {
  const amountDue = args.otherOpen + args.invoiceDue - args.unappliedCredit;
  const moved = -args.paymentsSince + args.returnedSince + args.refundsSince - args.creditsSince;
  return { amountDue, previousBalance: amountDue - args.total - moved };
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
const CHART_MONTHS = 13;

function previousMonth(month: string, back: number): string {
  const [y, m] = month.split('-').map(Number);
  const index = y * 12 + (m - 1) - back;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The first day the usage chart of a bill ending on `lastDay` shows: usage ending before it is not charted. */
export function chartStart(lastDay: string): string {
  return `${previousMonth(monthOf(lastDay), CHART_MONTHS - 1)}-01`;
}

/**
 * Thirteen months of consumption ending with the month of the bill's last day:
 * each usage counts in the month of its own last day. Quantities are in
 * micro-units; the bars carry units (for drawing only).
 */
export function usageBars(lastDay: string, usage: ReadonlyArray<{ lastDay: string; quantity: number }>): UsageBar[] {
  const last = monthOf(lastDay);
  const months = Array.from({ length: CHART_MONTHS }, (_, i) => previousMonth(last, CHART_MONTHS - 1 - i));
  const sums = new Map<string, number>(months.map((m) => [m, 0]));
  for (const used of usage) {
    const m = monthOf(used.lastDay);
    if (sums.has(m)) sums.set(m, (sums.get(m) ?? 0) + used.quantity);
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
