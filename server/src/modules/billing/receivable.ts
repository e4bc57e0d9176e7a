import type { Tx } from '../../db/database';

/** What an account owes, from its open (ISSUED) invoices as of a day. */
export interface AccountReceivable {
  accountId: string;
  /** Sum of amountDue over ISSUED invoices, cents. */
  open: number;
  /** ... whose dueDate is before the day, less what the account's unapplied credit covers. */
  pastDue: number;
  /** The oldest past-due dueDate not covered by credit, or null. */
  oldestPastDue: string | null;
  /** Of pastDue, what is on fee invoices (late and returned-payment fees): collections weigh the rest, owed for service. */
  feesPastDue: number;
}

/**
 * A condition on an invoice aliased `i`: it has no OPEN dispute. A disputed
 * invoice stays in the balance but is left out of pastDue and daysPastDue
 * while the dispute is OPEN. The dispute table by name: billing reads it
 * without depending on the disputes module.
 */
export const NOT_DISPUTED = 'NOT EXISTS (SELECT 1 FROM invoice_dispute d WHERE d.open_invoice_id = i.id)';

/** One open invoice's amount due and due date. */
export interface OpenAmount {
  dueDate: string;
  open: number;
}

/**
 * A receivable with the account's unapplied credit set against it: credit
 * goes to the oldest due first, so it covers past-due amounts before any
 * other, and the oldest past-due date becomes that of the first invoice it
 * does not cover in full. pastDueInvoices: the open past-due invoices, oldest
 * due first.
 */
export function netOfCredit(raw: AccountReceivable, credit: number, pastDueInvoices: readonly OpenAmount[]): AccountReceivable {
  if (credit <= 0 || raw.pastDue <= 0) return raw;
  if (credit >= raw.pastDue) return { ...raw, pastDue: 0, oldestPastDue: null, feesPastDue: 0 };
  let left = credit;
  let oldestPastDue: string | null = null;
  for (const invoice of pastDueInvoices) {
    if (left >= invoice.open) {
      left -= invoice.open;
      continue;
    }
    oldestPastDue = invoice.dueDate;
    break;
  }
  // Which invoices the credit covered is not told apart here: the fees count at most what is left past due.
  return { ...raw, pastDue: raw.pastDue - credit, oldestPastDue, feesPastDue: Math.min(raw.feesPastDue, raw.pastDue - credit) };
}

/**
 * What the changes that lower what an account owes (payments, reversals'
 * re-application, voids, credits) need from collections, without depending on
 * it: whether the account has an open delinquency (read in the statement that
 * locks it), and a way to end it once nothing is past due.
 */
export interface DelinquencyWatch {
  /** A column for a query of accounts aliased `a`: not NULL while the account has an open delinquency. */
  readonly openSql: string;
  /** Ends the account's open delinquency if it has nothing past due any more (inside the caller's transaction, under its lock). */
  endIfCleared(tx: Tx, accountId: string, by: string): Promise<void>;
}
