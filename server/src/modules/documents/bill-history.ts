import { addDays } from '../../common/dates';

/**
 * What a bill shows of its account's other invoices, payments, refunds and
 * usage, worked out from the rows read for a whole batch of bills at once
 * (each bill gets its account's rows). Pure: the reads are in document-views.ts.
 */

/** An invoice of the account, as read for its bills (VOID invoices are not read). */
export interface AccountInvoiceRow {
  id: string;
  status: string;
  issueDate: string | null;
  total: number;
  amountPaid: number;
}

/**
 * A payment of the account, APPLIED or REVERSED; a credit note records its credit as a payment with
 * `creditNoteId` (never reversed).
 */
export interface AccountPaymentRow {
  amount: number;
  status: string;
  /** What no invoice has taken yet: the account's credit (0 once reversed). */
  unapplied: number;
  /** When it was recorded: from then on the account's figures count it (not receivedAt, which the payer may date earlier). */
  createdAt: Date;
  /** When it was reversed; null while it counts. */
  reversedAt: Date | null;
  creditNoteId: string | null;
}

/** Money paid back to the customer out of the account's credit. */
export interface AccountRefundRow {
  amount: number;
  createdAt: Date;
}

/**
 * A USAGE line of one of the account's invoices (VOID ones are not read), with
 * the read it prices as that read stands now.
 */
export interface AccountUsageRow {
  invoiceId: string;
  /** The day after the last day the line covers. */
  periodEnd: string;
  /** Micro-units. */
  quantity: number;
  /** TOTAL, another register (ON_PEAK, DEMAND...), or null on lines from before registers. */
  register: string | null;
  /** The read priced: the invoice it is billed on now and whether it still counts (not replaced or cancelled); null when none is known. */
  read: { invoiceId: string | null; counts: boolean } | null;
}

/** The bill being drawn. */
export interface BillSubject {
  id: string;
  periodEnd: string;
  issueDate: string | null;
}

/** How the account's balance moved after the previous bill's figures were read. */
export interface MovesSince {
  /** Payments recorded since (credit notes' credits apart). */
  paymentsSince: number;
  /** Payments the previous bill counted that were reversed since (returned checks, chargebacks): owed again. */
  returnedSince: number;
  /** Money paid back to the customer since. */
  refundsSince: number;
  /** Credit notes issued since. */
  creditsSince: number;
}

const ISSUED = 'ISSUED';
const PAID = 'PAID';
const APPLIED = 'APPLIED';
const REVERSED = 'REVERSED';
const TOTAL_REGISTER = 'TOTAL';

/** Issued before the bill (by issue day, then id); every other invoice when the bill is not issued (a preview). */
function issuedBefore(row: AccountInvoiceRow, bill: BillSubject): boolean {
  if (row.id === bill.id) return false;
  if (!bill.issueDate) return true;
  if (row.issueDate === null) return false;
  return row.issueDate < bill.issueDate || (row.issueDate === bill.issueDate && Number(row.id) < Number(bill.id));
}

/**
 * The account's bill issued before this one, if any, of whatever kind (a late fee's or a carried balance's bill
 * is a bill the customer got, and states the balance the next one starts from): the latest by issue day, then id.
 */
export function previousBill<R extends AccountInvoiceRow>(bill: BillSubject, rows: readonly R[]): R | null {
  let previous: R | null = null;
  for (const row of rows) {
    if (row.issueDate === null || !issuedBefore(row, bill)) continue;
    if (
      previous === null ||
      row.issueDate > (previous.issueDate as string) ||
      (row.issueDate === previous.issueDate && Number(row.id) > Number(previous.id))
    ) {
      previous = row;
    }
  }
  return previous;
}

/**
 * The moment the previous bill's figures were read: when its document was drawn. One not drawn yet is drawn with
 * this bill's batch or after it, so it will count everything up to now itself: nothing is "since" it.
 * Null without a previous bill: everything the account ever had counts as since.
 */
export function previousFiguresAt(previous: { id: string } | null, drawnAt: ReadonlyMap<string, Date>, now: Date): Date | null {
  if (previous === null) return null;
  return drawnAt.get(previous.id) ?? now;
}

/** What the account's other open invoices, issued up to this one, still ask for. */
export function otherOpen(bill: BillSubject, rows: readonly AccountInvoiceRow[]): number {
  return rows.filter((row) => row.status === ISSUED && issuedBefore(row, bill)).reduce((sum, o) => sum + o.total - o.amountPaid, 0);
}

/** The account's credit: what its payments and credit notes left that no invoice has taken (and no refund paid back). */
export function unappliedCredit(payments: readonly AccountPaymentRow[]): number {
  return payments.filter((p) => p.status === APPLIED).reduce((sum, p) => sum + p.unapplied, 0);
}

/**
 * What moved the balance after `after` (the previous bill's figures; null: no previous bill) up to now, the moment
 * the open amounts are read at, so the summary adds up: each payment, refund and credit note by when it was
 * recorded, so a bill counts exactly those its previous bill did not. A payment recorded and reversed since
 * counts for nothing; one the previous bill counted and that was reversed since is owed again (returnedSince).
 */
export function movesSince(payments: readonly AccountPaymentRow[], refunds: readonly AccountRefundRow[], after: Date | null): MovesSince {
  const since = (at: Date | null) => at !== null && (after === null || at.getTime() > after.getTime());
  const moves: MovesSince = { paymentsSince: 0, returnedSince: 0, refundsSince: 0, creditsSince: 0 };
  for (const p of payments) {
    const recorded = since(p.createdAt);
    if (p.status === REVERSED) {
      if (!recorded && since(p.reversedAt)) moves.returnedSince += p.amount;
    } else if (recorded) {
      if (p.creditNoteId === null) moves.paymentsSince += p.amount;
      else moves.creditsSince += p.amount;
    }
  }
  for (const r of refunds) if (since(r.createdAt)) moves.refundsSince += r.amount;
  return moves;
}

/**
 * Whether a usage line still says what was consumed: its read counts and is billed on the line's invoice. A read
 * replaced (a corrected estimate) or cancelled stopped counting, and one billed again (after a full credit with
 * rebill) counts on its new invoice, in its own period. Only TOTAL reads are charted, as invoices' quantities
 * are: DEMAND or time-of-use registers would count the same energy twice or add kW to kWh.
 */
function stillCounts(line: AccountUsageRow): boolean {
  if (line.register !== null && line.register !== TOTAL_REGISTER) return false;
  return line.read === null || (line.read.counts && line.read.invoiceId === line.invoiceId);
}

/**
 * The usage that counts, on this bill and the bills issued before it, up to the end of its period, each line at
 * its own last day: a rebill's corrected month is charted in that month, not in the month it was billed in.
 */
export function usageHistory(
  bill: BillSubject,
  invoices: readonly AccountInvoiceRow[],
  usage: readonly AccountUsageRow[],
): Array<{ lastDay: string; quantity: number }> {
  const billed = new Set(
    invoices.filter((row) => (row.status === ISSUED || row.status === PAID) && issuedBefore(row, bill)).map((row) => row.id),
  );
  billed.add(bill.id);
  return usage
    .filter((line) => billed.has(line.invoiceId) && line.periodEnd <= bill.periodEnd && stillCounts(line))
    .map((line) => ({ lastDay: addDays(line.periodEnd, -1), quantity: line.quantity }));
}

/** The unit of each invoice: that of the product priced on its first line naming a rate (rows in line order). */
export function unitsByInvoice(rows: ReadonlyArray<{ invoiceId: string; unit: string }>): Map<string, string> {
  const units = new Map<string, string>();
  for (const row of rows) if (!units.has(row.invoiceId)) units.set(row.invoiceId, row.unit);
  return units;
}
