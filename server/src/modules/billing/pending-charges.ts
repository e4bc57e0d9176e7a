/**
 * One-off charges and credits an operator added (addCharge), with no database:
 * they go on the account's next regular invoice as CHARGE lines.
 *
 * The rules:
 * - Every pending charge goes on, oldest first, and so does every pending
 *   credit that fits: a credit never takes the invoice below zero; one that
 *   does not fit whole waits, whole, for a later invoice.
 * - They go on after the invoice's own lines and before the sign-up credits
 *   carried forward, which may then take what is left.
 * - An account with a pending charge (a positive amount) is billed by the
 *   next run even without unbilled reads: its invoice is only CHARGE lines
 *   (and what credits fit), for the day of the run.
 *
 * Money in integer cents, as in invoice-math.
 */
import type { ComputedInvoice, ComputedLine } from './invoice-math';

export interface PendingManualCharge {
  id: string;
  /** Cents, not 0: positive for a charge, negative for a credit. */
  amount: number;
  description: string;
  taxable: boolean;
}

export interface ChargesResult {
  invoice: ComputedInvoice;
  /** The ids billed, in the order of their lines. */
  billed: string[];
}

/** Puts the account's pending charges and credits on a computed invoice as CHARGE lines. */
export function applyPendingCharges(invoice: ComputedInvoice, pending: readonly PendingManualCharge[]): ChargesResult {
  let total = invoice.total + pending.filter((c) => c.amount > 0).reduce((sum, c) => sum + c.amount, 0);
  const billed = new Set<string>();
  for (const charge of pending) {
    if (!Number.isSafeInteger(charge.amount) || charge.amount === 0) throw new Error(`Pending charge ${charge.id} has no amount`);
    if (charge.amount > 0) billed.add(charge.id);
    else if (total + charge.amount >= 0) {
      billed.add(charge.id);
      total += charge.amount;
    }
  }
  if (billed.size === 0) return { invoice, billed: [] };
  const taken = pending.filter((c) => billed.has(c.id));
  const lines: ComputedLine[] = taken.map((c) => ({
    kind: 'CHARGE',
    description: c.description,
    quantity: null,
    unitPrice: null,
    amount: c.amount,
    taxable: c.taxable,
    periodStart: invoice.periodStart,
    periodEnd: invoice.periodEnd,
    readId: null,
    enrollmentId: null,
    productId: null,
  }));
  return { invoice: { ...invoice, lines: [...invoice.lines, ...lines], total }, billed: taken.map((c) => c.id) };
}

/** The invoice of an account billed for its pending charges alone: no usage, for the day of the run. */
export function chargesOnlyInvoice(asOf: string, pending: readonly PendingManualCharge[]): ChargesResult | null {
  if (!pending.some((c) => c.amount > 0)) return null;
  const empty: ComputedInvoice = {
    outcome: 'COMPUTED',
    periodStart: asOf,
    periodEnd: asOf,
    days: 0,
    quantity: 0,
    unit: '',
    total: 0,
    lines: [],
    earned: [],
    carryForward: [],
    enrollmentIds: [],
    rebill: false,
  };
  return applyPendingCharges(empty, pending);
}
