/**
 * Sign-up credits carried forward, with no database: what a promo's amountOff
 * or a BILL_CREDIT incentive could not use on the enrollment's first invoice
 * waits as a pending credit of the account and goes on its next invoices.
 *
 * The rules, as a retailer's billing would apply them:
 * - A pending credit goes on every regular invoice of the account (bill runs),
 *   as a CREDIT line, after the invoice's own credits, oldest credit first.
 *   Collections fee invoices take none: a credit is a discount on bills, and
 *   spending it on a late fee would waive the fee by the back door.
 * - Never below zero: a credit takes at most what is left of the invoice's
 *   total; the rest stays pending for the next invoice, and so on until it is
 *   used up. An invoice with nothing left to credit shows no line for it.
 * - A HELD invoice holds what it took: released, the credit is spent; voided,
 *   it is pending again for the next invoice.
 * - A pending credit alone does not make an account billable: it waits for
 *   the next invoice the account's usage brings.
 *
 * Money in integer cents, as in invoice-math.
 */
import { formatMoney } from '../../common/money';
import type { ComputedInvoice, ComputedLine } from './invoice-math';

export interface PendingCredit {
  id: string;
  /** Cents, more than 0: the size of the credit (stored as a negative pending amount). */
  amount: number;
  description: string;
}

/** What one invoice took of a pending credit. */
export interface CreditUse {
  id: string;
  /** Cents, more than 0. */
  applied: number;
  /** Cents still pending after this invoice; 0 when used up. */
  rest: number;
}

export interface CarriedResult {
  invoice: ComputedInvoice;
  /** In the order applied; the credits left out were not touched. */
  uses: CreditUse[];
}

/**
 * Applies the account's pending credits to a computed invoice: one CREDIT line
 * per credit used, the oldest first (the caller gives them in that order),
 * each capped at what is left of the total.
 */
export function applyCarriedCredits(invoice: ComputedInvoice, pending: readonly PendingCredit[]): CarriedResult {
  let room = Math.max(0, invoice.total);
  const lines: ComputedLine[] = [];
  const uses: CreditUse[] = [];
  for (const credit of pending) {
    if (room === 0) break;
    if (!Number.isSafeInteger(credit.amount) || credit.amount <= 0) {
      throw new Error(`Pending credit ${credit.id} has no positive amount (${credit.amount})`);
    }
    const applied = Math.min(credit.amount, room);
    const rest = credit.amount - applied;
    room -= applied;
    uses.push({ id: credit.id, applied, rest });
    const suffix = rest > 0 ? ` (${formatMoney(applied)} of ${formatMoney(credit.amount)}; ${formatMoney(rest)} carried forward)` : '';
    lines.push({
      kind: 'CREDIT',
      description: `${credit.description}${suffix}`,
      quantity: null,
      unitPrice: null,
      amount: -applied,
      periodStart: invoice.periodStart,
      periodEnd: invoice.periodEnd,
      readId: null,
      enrollmentId: null,
      productId: null,
    });
  }
  if (uses.length === 0) return { invoice, uses };
  const taken = uses.reduce((sum, u) => sum + u.applied, 0);
  return { invoice: { ...invoice, lines: [...invoice.lines, ...lines], total: invoice.total - taken }, uses };
}
